using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>The read model on a real SQLite file.</summary>
public class MessageStoreTests
{
    private readonly Database _database;
    private readonly MessageStore _store;

    public MessageStoreTests()
    {
        _database = new Database(new StorageOptions { ConnectionString = $"Data Source={TempFiles.NewPath("fa-store", ".db")}" });
        _database.EnsureCreated();
        _store = new MessageStore(_database);
    }

    private static MessageRecord Message(string id, string? clientRef = null, string to = "+4791234567") => new()
    {
        Id = id, AccountId = "acct", ClientRef = clientRef, Sender = "Front", Recipient = to, Text = "Hei", Encoding = "gsm7",
        Segments = 1, Status = "accepted", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Only_unsubmitted_messages_are_loaded_for_resumption()
    {
        await _store.InsertAcceptedAsync([Message("m1"), Message("m2", to: "+4791234568")]);
        await new StatusStore(_database).ApplyAsync([
            new StatusEntry.PartAccepted("m2", "acct", Operator.Telenor, new PartMapping("telenor-1", "9", "9", 1), DateTimeOffset.UtcNow),
        ]);

        Assert.Equal(["m1"], (await _store.LoadUnsubmittedAsync()).Select(m => m.Id));
    }

    [Fact]
    public async Task A_client_reference_conflict_in_a_group_commit_fails_only_its_own_request()
    {
        await using var writer = new AcceptedMessageWriter(_store);
        await writer.StoreAsync([Message("m1", "ref-1")]);

        var unrelated = writer.StoreAsync([Message("m2", "ref-2")]);
        var conflicting = writer.StoreAsync([Message("m3", "ref-1")]);

        await unrelated;
        await Assert.ThrowsAnyAsync<Exception>(() => conflicting);
        Assert.Equal(["m2"], (await _store.FindByClientRefAsync("acct", "ref-2")).Select(m => m.Id));
        Assert.Equal(["m1"], (await _store.FindByClientRefAsync("acct", "ref-1")).Select(m => m.Id));
    }
}
