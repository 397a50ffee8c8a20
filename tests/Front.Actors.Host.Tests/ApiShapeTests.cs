using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Every refusal in one shape (problem details with an <c>errors</c> map naming each bad field, never a .NET type
/// name), commands on things that do not exist answer 404, and the OpenAPI document lists every endpoint.
/// </summary>
public class ApiShapeTests : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync() => _host = await EngineHost.StartAsync(TestDatabase.Sqlite());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Customer => _host.Client();

    private HttpClient Moderator => _host.Client(EngineHost.ModeratorKey);

    /// <summary>The problem's errors map, after checking the shape every problem shares.</summary>
    private static async Task<Dictionary<string, string[]>> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("`1", text);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        return body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_string_where_a_list_belongs_names_the_field_and_the_shape_without_type_names()
    {
        var errors = await ProblemAsync(await Customer.PostAsync("/api/v1/messages", Json("""{"from":"Front","to":"+4791234567","text":"Hei"}""")), HttpStatusCode.BadRequest);

        Assert.Equal(["must be a list"], errors["to"]);
    }

    [Fact]
    public async Task A_send_with_several_bad_fields_reports_all_of_them()
    {
        var errors = await ProblemAsync(await Customer.PostAsJsonAsync("/api/v1/messages", new { from = "", to = Array.Empty<string>(), text = "", clientRef = new string('x', 101) }),
            HttpStatusCode.BadRequest);

        Assert.Equal(["clientRef", "from", "text", "to"], errors.Keys.Order());
    }

    [Fact]
    public async Task Sign_in_with_wrong_json_types_names_the_field()
    {
        var errors = await ProblemAsync(await _host.Client(null).PostAsync("/api/v1/agents/sign-in", Json("""{"userName": 5, "password": true}""")), HttpStatusCode.BadRequest);

        Assert.Equal(["must be a string"], errors["userName"]);
    }

    [Fact]
    public async Task Sign_in_without_user_name_and_password_reports_both()
    {
        var errors = await ProblemAsync(await _host.Client(null).PostAsJsonAsync("/api/v1/agents/sign-in", new { }), HttpStatusCode.BadRequest);

        Assert.Equal(["password", "userName"], errors.Keys.Order());
    }

    [Fact]
    public async Task Malformed_json_and_a_bad_query_number_are_named()
    {
        var body = await ProblemAsync(await Moderator.PutAsync("/api/v1/accounts/demo/limits", Json("{bad")), HttpStatusCode.BadRequest);
        var query = await ProblemAsync(await Moderator.GetAsync("/api/v1/moderation/items?olderThanMinutes=abc"), HttpStatusCode.BadRequest);
        var number = await ProblemAsync(await Moderator.PutAsync("/api/v1/accounts/demo/limits", Json("""{"messagesPerSecond":"fast"}""")), HttpStatusCode.BadRequest);

        Assert.StartsWith("malformed JSON", body["body"][0]);
        Assert.Equal(["'abc' is not a whole number"], query["olderThanMinutes"]);
        Assert.Equal(["must be a whole number"], number["messagesPerSecond"]);
    }

    [Fact]
    public async Task Limits_with_several_bad_values_report_each()
    {
        var errors = await ProblemAsync(await Moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = 0, monthlySegments = -1, bulkThreshold = 0 }),
            HttpStatusCode.BadRequest);

        Assert.Equal(["bulkThreshold", "messagesPerSecond", "monthlySegments"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/accounts/nosuch/limits", """{"messagesPerSecond": 5}""")]
    [InlineData("POST", "/api/v1/accounts/nosuch/suspend", """{"reason": "x"}""")]
    [InlineData("POST", "/api/v1/accounts/nosuch/resume", "{}")]
    [InlineData("POST", "/api/v1/accounts/nosuch/approved-domains", """{"domain": "example.no"}""")]
    public async Task Commands_on_an_account_that_does_not_exist_answer_404(string method, string path, string body)
    {
        var errors = await ProblemAsync(await Moderator.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) }), HttpStatusCode.NotFound);

        Assert.Contains("nosuch", errors["id"][0]);
    }

    [Fact]
    public async Task Unknown_paths_unknown_messages_bad_keys_and_forbidden_calls_share_the_shape()
    {
        Assert.True((await ProblemAsync(await Customer.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound)).ContainsKey("path"));
        Assert.True((await ProblemAsync(await Customer.GetAsync("/api/v1/messages/nosuch"), HttpStatusCode.NotFound)).ContainsKey("id"));
        Assert.True((await ProblemAsync(await _host.Client("not-a-key").GetAsync("/api/v1/account"), HttpStatusCode.Unauthorized)).ContainsKey("authorization"));
        Assert.True((await ProblemAsync(await Customer.GetAsync("/api/v1/moderation/items"), HttpStatusCode.Forbidden)).ContainsKey("authorization"));
    }

    [Fact]
    public async Task Rules_with_several_bad_fields_report_each_rule_by_its_place()
    {
        var errors = await ProblemAsync(await Customer.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "demo",
            rules = new object[] { new { kind = "Shout", target = "x" }, new { kind = "ForwardToNumber", target = "22334455" }, new { kind = "AutoReply", target = "" } },
        }), HttpStatusCode.BadRequest);

        Assert.Equal(["rules[0].kind", "rules[1].target", "rules[2].target"], errors.Keys.Order());
    }

    [Fact]
    public async Task A_keyword_on_a_number_that_is_not_set_up_blames_the_short_number()
    {
        var errors = await ProblemAsync(await Customer.PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2999", keyword = "HEI" }), HttpStatusCode.NotFound);

        Assert.Equal(["shortNumber"], errors.Keys);
    }

    [Fact]
    public async Task A_thread_goes_only_to_an_agent_who_may_work_in_its_account_and_a_moderator_can_always_take_it_back()
    {
        var token = await _host.SignInAsync();
        var agent = _host.Client(token);
        (await Customer.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234599", to = "+4790000001", text = "Hei" })).EnsureSuccessStatusCode();
        var id = Front.Actors.Engine.Conversations.ConversationIds.For("demo", "+4790000001", "+4791234599");
        await Poll.UntilValueAsync(async () => (await agent.GetAsync($"/api/v1/conversations/{id}")).IsSuccessStatusCode ? true : (bool?)null, "the thread to open");
        (await agent.PostAsync($"/api/v1/conversations/{id}/claim", null)).EnsureSuccessStatusCode();

        var toNobody = await ProblemAsync(await agent.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { to = "ghost@nowhere" }), HttpStatusCode.BadRequest);
        await using (var feed = await InboxFeed.ConnectAsync(_host, token))
            Assert.Contains("ghost@nowhere", (await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => feed.Connection.InvokeAsync("Transfer", id, "ghost@nowhere"))).Message);
        var takenBack = await Moderator.PostAsync($"/api/v1/moderation/conversations/{id}/take-back", null);
        var claimedAgain = await agent.PostAsync($"/api/v1/conversations/{id}/claim", null);

        Assert.Contains("ghost@nowhere", toNobody["to"][0]);
        Assert.Equal(HttpStatusCode.OK, takenBack.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await takenBack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignedTo").ValueKind);
        Assert.Equal(HttpStatusCode.OK, claimedAgain.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_its_callers_and_problem_responses()
    {
        var document = await _host.Client(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: e.RoutePattern.RawText!.TrimEnd('/'), Method: m.ToLowerInvariant())))
            .ToList();

        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} endpoints found");
        var missing = endpoints.Where(e => !paths.TryGetProperty(e.Path, out var path) || !path.TryGetProperty(e.Method, out _)).ToList();
        Assert.True(missing.Count == 0, "missing from the document: " + string.Join(", ", missing.Select(m => $"{m.Method} {m.Path}")));
        foreach (var (path, method) in endpoints)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.True(operation.TryGetProperty("x-roles", out _), $"{method} {path} has no x-roles");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            Assert.Contains(responses, r => r.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _));
        }
        var moderatorOnly = paths.GetProperty("/api/v1/accounts/{id}/limits").GetProperty("put").GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["moderator"], moderatorOnly);
    }

    [Fact]
    public async Task The_openapi_document_says_how_to_send_a_contact_import_and_that_an_oversized_one_gets_413()
    {
        var document = await _host.Client(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var import = document.GetProperty("paths").GetProperty("/api/v1/accounts/{id}/contacts/import").GetProperty("post");
        var roles = import.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()).ToList();

        Assert.True(import.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.True(import.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(import.GetProperty("responses").GetProperty("413").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.Equal(["admin", "marketer"], roles);
    }

    [Fact]
    public async Task The_openapi_document_serves_a_keywords_sign_up_qr_code_as_an_image_to_its_account_and_moderators()
    {
        var paths = (await _host.Client(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        var png = paths.GetProperty("/api/v1/keywords/{shortNumber}/{keyword}/qr.png").GetProperty("get");
        var svg = paths.GetProperty("/api/v1/keywords/{shortNumber}/{keyword}/qr.svg").GetProperty("get");
        var signUps = paths.GetProperty("/api/v1/accounts/{id}/sign-ups").GetProperty("get");

        Assert.True(png.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("image/png", out _));
        Assert.True(svg.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("image/svg+xml", out _));
        Assert.True(png.GetProperty("responses").GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.Contains(png.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "text");
        foreach (var operation in new[] { png, svg, signUps })
            Assert.Equal(["admin", "marketer", "moderator"], operation.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()).Order());
    }

    [Fact]
    public async Task A_sign_up_rule_with_several_bad_fields_reports_each_and_its_group()
    {
        var errors = await ProblemAsync(await Customer.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "+4790000001",
            rules = new object[] { new { kind = "SignUp", target = "nosuch", reply = "" }, new { kind = "SignUp", target = "" } },
        }), HttpStatusCode.BadRequest);

        Assert.Equal(["keyword", "rules[0].reply", "rules[0].target", "rules[1].target"], errors.Keys.Order());
    }

    [Fact]
    public async Task Local_mode_serves_a_browsable_api_reference()
    {
        var page = await _host.Client(null).GetAsync("/api-reference/index.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
