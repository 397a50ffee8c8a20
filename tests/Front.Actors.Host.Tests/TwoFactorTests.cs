using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Two-factor sign-in by SMS: the organization requires it, the code goes through the engine to the built-in SMSC
/// simulator (where the test reads it), it works once, expires, dies after too many wrong tries, is sent a limited number
/// of times, is never held or counted against the customer, and is not asked from the organization's trusted ranges.
/// The test is the trusted proxy on 127.0.0.1 and forwards the addresses it pretends to come from.
/// </summary>
public sealed class TwoFactorTests
{
    private const string Marketer = "marketer@demo", MarketerMobile = "4799000002", DemoOrganization = "org-demo";

    /// <summary>A clock the test moves by hand, so a code expires without waiting.</summary>
    private sealed class HandClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<EngineHost> StartAsync(TimeProvider? clock = null)
    {
        var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?>
        {
            ["Demo:AdminPassword"] = RoleMatrixTests.Password, ["Demo:MarketerPassword"] = RoleMatrixTests.Password, ["Demo:StaffPassword"] = RoleMatrixTests.Password,
            ["Network:TrustedProxies:0"] = "127.0.0.1",
        }, clock is null ? null : s => s.AddSingleton(clock));
        SmscTraffic.Record(host);
        return host;
    }

    /// <summary>The demo organization's admin (signed in before) turns the code on, with these trusted ranges; the admin's client.</summary>
    private static async Task<HttpClient> RequireCodeAsync(EngineHost host, params string[] trusted)
    {
        var admin = host.Client(await RoleMatrixTests.SignInAsync(host, "admin@demo"));
        var response = await admin.PutAsJsonAsync($"/api/v1/organizations/{DemoOrganization}/security", new { requireTwoFactor = true, trustedIpRanges = trusted });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return admin;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(EngineHost host, string path, object body, string from = "198.51.100.7")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", from);
        var response = await host.Client(null).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> SignInAsync(EngineHost host, string from = "198.51.100.7") =>
        PostAsync(host, "/api/v1/sign-in", new { userName = Marketer, password = RoleMatrixTests.Password }, from);

    private static Task<(HttpStatusCode Status, JsonElement Body)> VerifyAsync(EngineHost host, string challengeId, string code) =>
        PostAsync(host, "/api/v1/sign-in/verify", new { challengeId, code });

    private static string ChallengeOf((HttpStatusCode Status, JsonElement Body) answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        Assert.False(answer.Body.TryGetProperty("token", out _));
        return answer.Body.GetProperty("challengeId").GetString()!;
    }

    /// <summary>The digits of the <paramref name="nth"/> code (1-based) the simulators accepted for the number, once it is there.</summary>
    private static async Task<string> CodeAsync(EngineHost host, int nth = 1)
    {
        var submits = await Poll.UntilAsync(() => Task.FromResult(SmscTraffic.Submits(host).Where(s => s.To == MarketerMobile).ToList() is { } found && found.Count >= nth ? found : null),
            $"code {nth} at the SMSC");
        return Regex.Match(submits[nth - 1].Text, "[0-9]{6}").Value;
    }

    private static string ErrorField(JsonElement problem) => string.Join(",", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

    [Fact]
    public async Task A_required_code_goes_through_the_simulator_and_signs_in_once_and_a_reused_or_unknown_challenge_is_refused()
    {
        await using var host = await StartAsync();
        await RequireCodeAsync(host);

        var challenge = ChallengeOf(await SignInAsync(host));
        var code = await CodeAsync(host);
        var verified = await VerifyAsync(host, challenge, code);
        var reused = await VerifyAsync(host, challenge, code);
        var unknown = await VerifyAsync(host, "chl_nosuch", code);
        var missing = await PostAsync(host, "/api/v1/sign-in/verify", new { });
        var token = verified.Body.GetProperty("token").GetString()!;
        var session = await host.Client(token).GetAsync("/api/v1/account");
        var submit = host.Simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits).Single(s => s.Pdu.DestinationAddr == MarketerMobile);
        var stored = await host.Services.GetRequiredService<Engine.Storage.MessageStore>()
            .FindByClientRefAsync(Engine.Messages.SendCommand.ProviderAccountId, challenge);

        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal("Front", submit.Pdu.SourceAddr);
        // The code reached the phone, but the database never held it.
        Assert.Equal(Engine.Messages.SendCommand.WithheldText, Assert.Single(stored).Text);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.True(verified.Body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "code"), (reused.Status, ErrorField(reused.Body)));
        Assert.Equal((HttpStatusCode.NotFound, "challengeId"), (unknown.Status, ErrorField(unknown.Body)));
        Assert.Equal((HttpStatusCode.BadRequest, "challengeId,code"), (missing.Status, ErrorField(missing.Body)));
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var clock = new HandClock();
        await using var host = await StartAsync(clock);
        await RequireCodeAsync(host);

        var challenge = ChallengeOf(await SignInAsync(host));
        var code = await CodeAsync(host);
        clock.Now += Domain.Identity.OneTimeCode.Lifetime + TimeSpan.FromSeconds(1);
        var late = await VerifyAsync(host, challenge, code);

        Assert.Equal((HttpStatusCode.Unauthorized, "code"), (late.Status, ErrorField(late.Body)));
        Assert.Contains("expired", late.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Too_many_wrong_codes_kill_the_challenge_and_codes_sent_to_one_user_are_limited()
    {
        await using var host = await StartAsync();
        await RequireCodeAsync(host);

        var challenge = ChallengeOf(await SignInAsync(host));
        var code = await CodeAsync(host);
        var wrong = code == "000000" ? "000001" : "000000";
        var tries = new List<HttpStatusCode>();
        for (var i = 0; i < Domain.Identity.OneTimeCode.MaxAttempts; i++)
            tries.Add((await VerifyAsync(host, challenge, wrong)).Status);
        var rightAfter = await VerifyAsync(host, challenge, code);
        for (var i = 1; i < Domain.Identity.CodeSendLimit.MaxPerWindow; i++)
            ChallengeOf(await SignInAsync(host));
        var oneTooMany = await SignInAsync(host);

        Assert.All(tries, t => Assert.Equal(HttpStatusCode.Unauthorized, t));
        Assert.Equal((HttpStatusCode.Unauthorized, "code"), (rightAfter.Status, ErrorField(rightAfter.Body)));
        Assert.Contains("too many", rightAfter.Body.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.TooManyRequests, "code"), (oneTooMany.Status, ErrorField(oneTooMany.Body)));
    }

    [Fact]
    public async Task A_trusted_range_skips_the_code_and_other_addresses_are_asked()
    {
        await using var host = await StartAsync();
        await RequireCodeAsync(host, "203.0.113.0/24");

        var fromOffice = await SignInAsync(host, "203.0.113.7");
        var fromElsewhere = await SignInAsync(host, "198.51.100.7");

        Assert.Equal(HttpStatusCode.OK, fromOffice.Status);
        Assert.False(string.IsNullOrEmpty(fromOffice.Body.GetProperty("token").GetString()));
        ChallengeOf(fromElsewhere);
    }

    [Fact]
    public async Task The_code_is_sent_while_the_users_account_is_suspended_and_is_neither_held_nor_counted()
    {
        await using var host = await StartAsync();
        await RequireCodeAsync(host);
        var moderator = host.Client(EngineHost.ModeratorKey);
        (await moderator.PostAsJsonAsync("/api/v1/accounts/demo/suspend", new { reason = "held: everything" })).EnsureSuccessStatusCode();
        var before = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account");

        var challenge = ChallengeOf(await SignInAsync(host));
        var code = await CodeAsync(host);
        var verified = await VerifyAsync(host, challenge, code);
        var after = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account");
        var held = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items");

        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.True(after.GetProperty("suspended").GetBoolean());
        Assert.Equal(before.GetProperty("monthToDate").ToString(), after.GetProperty("monthToDate").ToString());
        Assert.Equal(0, after.GetProperty("heldItems").GetArrayLength());
        Assert.Equal(0, held.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_user_without_a_mobile_is_told_so_and_a_landline_is_not_a_mobile()
    {
        await using var host = await StartAsync();
        var admin = await RequireCodeAsync(host);

        var landline = await admin.PutAsJsonAsync($"/api/v1/users/{Marketer}/mobile", new { mobile = "22 22 55 55" });
        var removed = await admin.PutAsJsonAsync($"/api/v1/users/{Marketer}/mobile", new { mobile = (string?)null });
        var signIn = await SignInAsync(host);
        var restored = await admin.PutAsJsonAsync($"/api/v1/users/{Marketer}/mobile", new { mobile = "990 00 002" });

        Assert.Equal((HttpStatusCode.BadRequest, "mobile"), (landline.StatusCode, ErrorField(await landline.Content.ReadFromJsonAsync<JsonElement>())));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "mobile"), (signIn.Status, ErrorField(signIn.Body)));
        Assert.Equal("+4799000002", (await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mobile").GetString());
    }
}
