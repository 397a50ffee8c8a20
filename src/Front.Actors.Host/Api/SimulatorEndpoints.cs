using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Domain.Numbers;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.LocalMode;

namespace Front.Actors.Host.Api;

/// <summary>
/// Local mode only (not mapped otherwise): make a built-in SMSC simulator send an inbound message (a real
/// deliver_sm over the bind), so the chat can be tried without a phone. The contact's home operator's simulator
/// sends it. A customer may inject only to its own numbers, or to a shared number where it holds a keyword (and not
/// with another account's keyword first), so no key can put words in another account's inbox; a moderator may
/// inject anywhere. Staff can also read what the simulators accepted for a number (<c>GET /api/v1/simulator/submits</c>).
/// </summary>
public static class SimulatorEndpoints
{
    public sealed record InboundRequest(string? From, string? To, string? Text);

    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/simulator/inbound", InjectAsync).RequireAuthorization();
        app.MapGet("/api/v1/simulator/submits", Submits).RequireRoles(Role.Moderator, Role.Operations);
        return app;
    }

    /// <summary>
    /// What the built-in SMSCs accepted for one number, newest first (at most 20): how a sign-in code is read when trying
    /// two-factor sign-in locally. Staff only: it shows every account's messages to that number.
    /// </summary>
    private static IResult Submits(string? to, LocalSimulators simulators)
    {
        if (!MobileNumberParser.TryParse(to, out var number, out var reason))
            return ApiProblems.Field(400, "to", reason);
        if (!simulators.Running.Any(r => r.Smsc.Options.RecordSubmits))
            return ApiProblems.Field(409, "simulator", "the simulators keep nothing: start with Smpp:Simulator:RecordSubmits=true");
        var items = simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits)
            .Where(s => s.Pdu.DestinationAddr == number.SmppAddress)
            .OrderByDescending(s => s.At).Take(20)
            .Select(s => new
            {
                at = s.At, from = s.Pdu.SourceAddr, to = number.E164,
                text = Domain.Text.SmsTextCodec.Decode(s.Pdu.ShortMessage.Span, (Domain.Text.DataCoding)s.Pdu.DataCoding),
            });
        return Results.Ok(new { items });
    }

    private static async Task<IResult> InjectAsync(InboundRequest? body, ClaimsPrincipal user, LocalSimulators simulators, NumberStore numbers,
        Domain.Routing.OperatorDirectory operators, CancellationToken ct)
    {
        if (simulators.Running.Count == 0)
            return ApiProblems.Field(404, "simulator", "the built-in simulators are off (Smpp:Simulator:Enabled)");
        var errors = new ApiErrors();
        if (!MobileNumberParser.TryParse(body?.From, out var from, out var fromReason))
            errors.Add("from", fromReason);
        if (!OurNumber.TryParse(body?.To, out var to, out var toReason))
            errors.Add("to", toReason);
        if (string.IsNullOrWhiteSpace(body?.Text))
            errors.Add("text", "the message is empty");
        else if (body.Text.Length > 1_000)
            errors.Add("text", "at most 1000 characters");
        if (errors.Any || from is null)
            return errors.Problem(400);
        // Staff may play any contact; a customer only towards its own account's numbers and keywords.
        if (!user.IsStaff(Role.Moderator, Role.Operations) && (user.OwnAccount() is not { } own || !await MayReachAsync(own, to, body!.Text!, numbers, ct)))
            return ApiProblems.Field(403, "to", "not a number of your account: send to a number you own, or to a shared number where you hold a keyword (not starting with another account's keyword)");
        var smsc = operators.HomeOperator(from) is { } home ? simulators.For(home) ?? simulators.Running[0].Smsc : simulators.Running[0].Smsc;
        try
        {
            var parts = await smsc.InjectMobileOriginatedAsync(from.E164, to, body!.Text!);
            return Results.Json(new { from = from.E164, to, parts }, statusCode: 202);
        }
        catch (InvalidOperationException e)
        {
            return ApiProblems.Field(503, "simulator", $"not bound: {e.Message}");
        }
    }

    /// <summary>
    /// Whether the message would reach the account itself: a number it owns, or a shared number on which it holds a
    /// keyword, unless the text starts with another account's keyword there (then it would land in that inbox).
    /// </summary>
    private static async Task<bool> MayReachAsync(string accountId, string to, string text, NumberStore numbers, CancellationToken ct)
    {
        if ((await numbers.OwnedByAsync(accountId, ct)).Any(n => n.Number == to))
            return true;
        var keywords = await numbers.KeywordsOnAsync(to, ct);
        var first = Domain.Inbound.InboundWords.Parse(text).First;
        return keywords.Any(k => k.AccountId == accountId) && !keywords.Any(k => k.AccountId != accountId && k.Keyword == first);
    }
}
