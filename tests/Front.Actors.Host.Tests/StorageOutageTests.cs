using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Front.Actors.Host.Tests;

/// <summary>
/// A database outage in the middle of a load (PostgreSQL stopped, as in a fail-over): the engine slows down
/// and refuses what it cannot store, but loses no status and sends nothing twice.
/// </summary>
public class StorageOutageTests
{
    private const int Requests = 100;
    private const int PerRequest = 50;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private static string Recipient(int request, int index) => $"9{request:D3}{index:D4}";

    [Fact]
    public async Task A_30_second_database_outage_in_the_middle_of_5000_messages_loses_no_status_and_sends_nothing_twice()
    {
        if (PrivatePostgres.Binaries is null)
            return; // PostgreSQL is not installed here (.ci/run installs it)
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var host = await EngineHost.StartAsync(TestDatabase.Of("PostgreSql", postgres.ConnectionString));
        foreach (var (_, smsc) in host.Simulators.Running)
            smsc.Configure(o => o with { RecordSubmits = true });
        using var client = host.Client();
        var accepted = new ConcurrentDictionary<int, IReadOnlyList<string>>();
        var refused = new ConcurrentDictionary<int, HttpStatusCode>();

        // A third before the outage, a third while the database is down, a third after it is back.
        await SendAllAsync(client, Enumerable.Range(0, 33), accepted, refused);
        await postgres.StopServerAsync();
        var during = SendAllAsync(client, Enumerable.Range(33, 33), accepted, refused);
        await Task.Delay(Outage); // the outage itself: how long the database stays down, not a wait for the engine
        await during;
        await postgres.StartServerAsync();
        await SendAllAsync(client, Enumerable.Range(66, Requests - 66), accepted, refused);
        var refusedDuringOutage = refused.Keys.Count(i => i is >= 33 and < 66);

        // What was refused is sent again with the same clientRef, as a client would, until the engine takes it.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!refused.IsEmpty && DateTime.UtcNow < deadline)
        {
            var again = refused.Keys.ToList();
            refused.Clear();
            await SendAllAsync(client, again, accepted, refused);
            if (!refused.IsEmpty)
                await Task.Delay(TimeSpan.FromSeconds(1)); // Retry-After: the engine asked the client to come back later
        }

        Assert.Empty(refused);
        Assert.True(refusedDuringOutage > 0, "no request met the outage");
        var ids = accepted.Values.SelectMany(v => v).ToHashSet();
        Assert.Equal(Requests * PerRequest, ids.Count);
        await using var db = new NpgsqlDataSourceBuilder(postgres.ConnectionString).Build();
        await Poll.UntilValueAsync(async () => await CountAsync(db, "SELECT count(*) FROM messages WHERE status = 'delivered'") == ids.Count ? true : (bool?)null,
            "every accepted message delivered", TimeSpan.FromMinutes(3));

        Assert.Equal(ids.Count, await CountAsync(db, "SELECT count(*) FROM messages"));
        Assert.Equal(0, await CountAsync(db,
            "SELECT count(*) FROM (SELECT message_id, status FROM message_status_history WHERE status IN ('submitted', 'delivered') GROUP BY message_id, status HAVING count(*) <> 1) twice"));
        Assert.Equal(ids.Count, await CountAsync(db, "SELECT count(*) FROM message_status_history WHERE status = 'submitted'"));
        var submits = host.Simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits).GroupBy(s => s.Pdu.DestinationAddr).ToList();
        Assert.Equal(ids.Count, submits.Count);
        Assert.All(submits, destination => Assert.Single(destination));
    }

    /// <summary>Sends the requests four at a time; each is either accepted (202) or refused with 503, Retry-After and a problem body.</summary>
    private static async Task SendAllAsync(HttpClient client, IEnumerable<int> requests, ConcurrentDictionary<int, IReadOnlyList<string>> accepted,
        ConcurrentDictionary<int, HttpStatusCode> refused)
    {
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, ct) =>
        {
            var to = Enumerable.Range(0, PerRequest).Select(i => Recipient(request, i)).ToArray();
            var response = await client.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to, text = $"Last {request}", clientRef = $"load-{request}" }, ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted[request] = body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
                return;
            }
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"request {request}: {(int)response.StatusCode} {body}");
            Assert.True(response.Headers.RetryAfter is not null, $"request {request}: 503 without Retry-After");
            Assert.Equal(503, body.GetProperty("status").GetInt32());
            refused[request] = response.StatusCode;
        });
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
