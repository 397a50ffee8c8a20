using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// One host for a class of contact tests (each test keeps to its own numbers and groups), with a small import limit
/// so that an oversized file is cheap to make.
/// </summary>
public sealed class ContactHost : IAsyncLifetime
{
    public const int ImportMaxBytes = 64 * 1024;

    internal EngineHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Contacts:ImportMaxBytes"] = ImportMaxBytes.ToString() });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The body of a 2xx answer, or a failure that shows the answer.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>The problem's errors map, after checking the status and the problem shape.</summary>
    public static async Task<Dictionary<string, string[]>> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        return body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    public async Task<string> GroupAsync(string name) =>
        (await OkAsync(await Host.Client().PostAsJsonAsync("/api/v1/accounts/demo/groups", new { name }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>Every contact of a group, following <c>next</c> page by page.</summary>
    public async Task<List<JsonElement>> AllInGroupAsync(string groupId, int limit = 100)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await OkAsync(await Host.Client().GetAsync($"/api/v1/accounts/demo/groups/{groupId}/members?limit={limit}" + (next is null ? "" : $"&after={next}")));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        return all;
    }
}
