using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>Sign-in that resists guessing, sessions that end at once, and users managed by their organization's admins.</summary>
public sealed class SignInTests
{
    /// <summary>A clock the test moves by hand, so the lock-out's end is reached without waiting.</summary>
    private sealed class HandClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Repeated_failures_lock_the_user_out_with_retry_after_until_the_lock_ends_and_unknown_users_get_the_same_answers()
    {
        var clock = new HandClock();
        await using var host = await RoleMatrixTests.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var client = host.Client(null);
        async Task<(HttpStatusCode, string)> TryAsync(string userName, string password)
        {
            var response = await client.PostAsJsonAsync("/api/v1/sign-in", new { userName, password });
            var keys = response.IsSuccessStatusCode ? "" : string.Join(",", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
            return (response.StatusCode, keys);
        }

        var known = new List<(HttpStatusCode, string)>();
        var unknown = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 6; i++)
        {
            known.Add(await TryAsync("marketer@demo", "wrong-password-" + i));
            unknown.Add(await TryAsync("nobody@demo", "wrong-password-" + i));
        }
        var lockedRight = await client.PostAsJsonAsync("/api/v1/sign-in", new { userName = "marketer@demo", password = RoleMatrixTests.Password });
        clock.Now += TimeSpan.FromMinutes(16);
        var afterLock = await client.PostAsJsonAsync("/api/v1/sign-in", new { userName = "marketer@demo", password = RoleMatrixTests.Password });

        Assert.Equal(known, unknown);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), known.Take(4).Select(k => k.Item1));
        Assert.Equal(HttpStatusCode.TooManyRequests, known[5].Item1);
        Assert.Equal("userName", known[5].Item2);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedRight.StatusCode);
        Assert.True(lockedRight.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, afterLock.StatusCode);
    }

    [Fact]
    public async Task A_signed_out_session_is_refused_at_once_and_its_hub_connection_is_closed()
    {
        await using var host = await RoleMatrixTests.StartAsync();
        var token = await RoleMatrixTests.SignInAsync(host, "agent@demo", EngineHost.AgentPassword);
        await using var hub = await host.ConnectInboxHubAsync(token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var before = await host.Client(token).GetAsync("/api/v1/conversations");
        var signOut = await host.Client(token).PostAsync("/api/v1/sign-out", null);
        var after = await host.Client(token).GetAsync("/api/v1/conversations");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), (before.StatusCode, signOut.StatusCode, after.StatusCode));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task An_admin_creates_users_of_their_organization_changes_their_roles_and_removes_them_and_no_one_elses()
    {
        await using var host = await RoleMatrixTests.StartAsync();
        var moderator = host.Client(EngineHost.ModeratorKey);
        (await moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "other", name = "Other" })).EnsureSuccessStatusCode();
        var admin = host.Client(await RoleMatrixTests.SignInAsync(host, "admin@demo"));

        var weak = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "per@demo", password = "short", roles = new Dictionary<string, string> { ["demo"] = "agent" } });
        var elsewhere = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "per@demo", password = "a-long-passphrase-1", roles = new Dictionary<string, string> { ["other"] = "agent" } });
        var staff = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "per@demo", password = "a-long-passphrase-1", roles = new Dictionary<string, string> { ["provider"] = "moderator" } });
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "per@demo", password = "a-long-passphrase-1", displayName = "Per", roles = new Dictionary<string, string> { ["demo"] = "marketer" } });
        var perToken = await RoleMatrixTests.SignInAsync(host, "per@demo", "a-long-passphrase-1");
        var sendBefore = await host.Client(perToken).GetAsync("/api/v1/account");
        var toAgent = await admin.PutAsJsonAsync("/api/v1/users/per@demo/roles", new { roles = new Dictionary<string, string> { ["demo"] = "agent" } });
        var sendAfter = await host.Client(perToken).GetAsync("/api/v1/account");
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        var removed = await admin.DeleteAsync("/api/v1/users/per@demo");
        var afterRemoval = await host.Client(perToken).GetAsync("/api/v1/conversations");

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden), (sendBefore.StatusCode, toAgent.StatusCode, sendAfter.StatusCode));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), u => u.GetProperty("userName").GetString() == "per@demo" && u.GetProperty("roles").GetProperty("demo").GetString() == "agent");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), (removed.StatusCode, afterRemoval.StatusCode));
    }

    [Fact]
    public async Task A_password_reset_by_an_admin_ends_the_users_sessions_and_the_new_password_signs_in()
    {
        await using var host = await RoleMatrixTests.StartAsync();
        var agentToken = await RoleMatrixTests.SignInAsync(host, "agent@demo", EngineHost.AgentPassword);
        var admin = host.Client(await RoleMatrixTests.SignInAsync(host, "admin@demo"));
        var marketer = host.Client(await RoleMatrixTests.SignInAsync(host, "marketer@demo"));

        var byMarketer = await marketer.PutAsJsonAsync("/api/v1/users/agent@demo/password", new { password = "brand-new-passphrase" });
        var wrongCurrent = await marketer.PutAsJsonAsync("/api/v1/users/marketer@demo/password", new { currentPassword = "not-it-at-all", password = "brand-new-passphrase" });
        var reset = await admin.PutAsJsonAsync("/api/v1/users/agent@demo/password", new { password = "brand-new-passphrase" });
        var oldSession = await host.Client(agentToken).GetAsync("/api/v1/conversations");
        var newToken = await RoleMatrixTests.SignInAsync(host, "agent@demo", "brand-new-passphrase");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK), (byMarketer.StatusCode, wrongCurrent.StatusCode, reset.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.False(string.IsNullOrEmpty(newToken));
    }
}
