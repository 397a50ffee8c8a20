using Front.Actors.Domain.Numbers;
using Front.Actors.Host.LocalMode;

namespace Front.Actors.Host.Api;

/// <summary>
/// Local mode only: make a built-in SMSC simulator send an inbound message (a real deliver_sm over the
/// bind), so the chat can be tried without a phone. The contact's home operator's simulator sends it.
/// </summary>
public static class SimulatorEndpoints
{
    public sealed record InboundRequest(string? From, string? To, string? Text);

    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/simulator/inbound", InjectAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> InjectAsync(InboundRequest? body, LocalSimulators simulators, Domain.Routing.OperatorDirectory operators)
    {
        if (simulators.Running.Count == 0)
            return ApiProblems.Field(404, "simulator", "the built-in simulators are off (Smpp:Simulator:Enabled)");
        if (!MobileNumberParser.TryParse(body?.From, out var from, out var fromReason))
            return ApiProblems.Field(400, "from", fromReason);
        if (!OurNumber.TryParse(body!.To, out var to, out var toReason))
            return ApiProblems.Field(400, "to", toReason);
        if (string.IsNullOrWhiteSpace(body.Text))
            return ApiProblems.Field(400, "text", "the message is empty");
        if (body.Text.Length > 1_000)
            return ApiProblems.Field(400, "text", "at most 1000 characters");
        var smsc = operators.HomeOperator(from) is { } home ? simulators.For(home) ?? simulators.Running[0].Smsc : simulators.Running[0].Smsc;
        try
        {
            var parts = await smsc.InjectMobileOriginatedAsync(from.E164, to, body.Text);
            return Results.Json(new { from = from.E164, to, parts }, statusCode: 202);
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(statusCode: 503, title: "Simulator not bound", detail: e.Message);
        }
    }
}
