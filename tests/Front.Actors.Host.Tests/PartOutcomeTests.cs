using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Front.Actors.Domain.Text;
using Front.Actors.SmscSimulator;
using Microsoft.Data.Sqlite;

namespace Front.Actors.Host.Tests;

/// <summary>Every part's outcome is stored with the part, so a multi-part message survives a kill -9 between its parts' receipts.</summary>
public class PartOutcomeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_kill_9_between_the_receipts_of_a_3_part_message_still_ends_delivered_and_no_accepted_part_goes_twice()
    {
        var database = TempFiles.NewPath("front-actors-parts", ".db");
        using var smscSystem = ActorSystem.Create("parts-smsc");
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(300) });
        // One part a second on the bind: the parts' receipts come a second apart, so the kill lands between them.
        var bind = HostProcess.OneBindTo(smsc.Port, "--Smpp:Binds:0:MaxMessagesPerSecond=1");
        string id;
        long outcomesAtKill;
        IReadOnlyList<long> acceptedAtKill;
        using (var first = await HostProcess.StartAsync(database, bind))
        {
            var response = await first.Client.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = new string('k', 400) });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
            Assert.Equal(3, body.GetProperty("messages")[0].GetProperty("segments").GetInt32());
            id = body.GetProperty("messages")[0].GetProperty("id").GetString()!;
            await Poll.UntilValueAsync(async () => await OutcomesStoredAsync(database) >= 1 ? true : (bool?)null, "the first part's receipt stored");
            first.KillHard();
            outcomesAtKill = await OutcomesStoredAsync(database);
            acceptedAtKill = await AcceptedPartsAsync(database);
        }
        Assert.True(outcomesAtKill is >= 1 and < 3, $"the kill did not land between the receipts ({outcomesAtKill} of 3 stored)");

        using var second = await HostProcess.StartAsync(database, bind);
        Assert.Equal("delivered", await second.StatusAfterAsync(id, "delivered", Limit));
        await smsc.StopAsync();

        var history = (await second.GetMessageAsync(id)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        Assert.Equal(1, history.Count(s => s == "submitted"));
        Assert.Equal(1, history.Count(s => s == "delivered"));
        // A part the operator's acceptance of which was stored before the kill reached it once; a part in flight at the
        // kill (sent, its answer not yet stored) is sent again, at most once more. All carry the same concatenation
        // reference, so the handset joins them.
        var parts = smsc.AcceptedSubmits.Where(s => s.Pdu.DestinationAddr == "4791234567")
            .Select(s => UserDataHeader.TryParse(s.Pdu.ShortMessage.Span, out _, out var concatenation) ? concatenation!.Value : default).ToList();
        var sends = parts.GroupBy(p => (long)p.Sequence).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([1L, 2L, 3L], sends.Keys.Order());
        Assert.All(acceptedAtKill, part => Assert.Equal(1, sends[part]));
        Assert.All(sends.Values, count => Assert.InRange(count, 1, 2));
        Assert.Single(parts.Select(p => p.Reference).Distinct());
    }

    /// <summary>The parts whose acceptance by the operator is stored.</summary>
    private static async Task<IReadOnlyList<long>> AcceptedPartsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT part FROM message_parts";
        var parts = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            parts.Add(reader.GetInt64(0));
        return parts;
    }

    private static async Task<long> OutcomesStoredAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM message_parts WHERE outcome IS NOT NULL";
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0; // the host has not created its tables yet
        }
    }
}
