using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// What a pushed status must agree with: the HTTP API, asked when the push arrives, already has the step (stored before
/// pushed), with the same field names and the same values.
/// </summary>
internal static class StatusAgreement
{
    public static readonly string[] Fields = ["id", "status", "at", "detail", "operator"];

    /// <summary>Asks the API for the pushed message and checks that its history has the pushed step as pushed.</summary>
    public static async Task AssertStoredAsync(HttpClient client, JsonElement pushed)
    {
        var id = pushed.GetProperty("id").GetString()!;
        var status = pushed.GetProperty("status").GetString();
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");

        Assert.Equal(Fields, pushed.EnumerateObject().Select(p => p.Name));
        var step = api.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("status").GetString() == status).ToList();
        Assert.True(step.Count == 1, $"pushed {pushed}, but the API has {step.Count} '{status}' steps: {api}");
        Assert.Equal(step[0].GetProperty("at").GetRawText(), pushed.GetProperty("at").GetRawText());
        Assert.Equal(step[0].GetProperty("detail").GetRawText(), pushed.GetProperty("detail").GetRawText());
        // The operator as the API shows it (lower case), from the step that routes the message on; none before.
        if (pushed.GetProperty("operator").ValueKind != JsonValueKind.Null)
            Assert.Equal(api.GetProperty("operator").GetRawText(), pushed.GetProperty("operator").GetRawText());
    }
}
