using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>Status entries on a real SQLite file: parts, receipts and the steps they imply, all from storage.</summary>
public class StatusStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _file = TempFiles.NewPath("fa-status", ".db");
    private readonly Database _database;
    private readonly MessageStore _messages;

    public StatusStoreTests()
    {
        _database = NewDatabase();
        _database.EnsureCreated();
        _messages = new MessageStore(_database);
    }

    private Database NewDatabase() => new(new StorageOptions { ConnectionString = $"Data Source={_file}" });

    private Task InsertAsync(string id, int segments = 1) => _messages.InsertAcceptedAsync([new MessageRecord
    {
        Id = id, AccountId = "acct", Sender = "Front", Recipient = "+4791234567", Text = "Hei", Encoding = "gsm7",
        Segments = segments, Status = "accepted", CreatedAt = T0, UpdatedAt = T0,
    }]);

    private static StatusEntry.PartAccepted Accepted(string id, int part, string key) =>
        new(id, "acct", Operator.Telenor, new PartMapping("telenor-1", key, key.ToUpperInvariant(), part), T0.AddSeconds(part));

    private static StatusEntry.Receipt Receipt(string key, MessageStatus outcome = MessageStatus.Delivered) =>
        new("telenor-1", key, outcome, $"{outcome} {key}", T0.AddMinutes(1));

    private async Task<List<string>> HistoryAsync(string id) =>
        (await _messages.GetAsync("acct", id))!.Value.History.Select(h => h.Status).ToList();

    [Fact]
    public async Task A_message_is_submitted_once_every_part_is_accepted_and_delivered_once_every_part_has_its_receipt()
    {
        await InsertAsync("m1", segments: 3);
        var store = new StatusStore(_database);

        await store.ApplyAsync([new StatusEntry.Step(new StatusChange("m1", "acct", MessageStatus.Queued, T0, "route telenor-1", Operator.Telenor, "telenor-1", 87))]);
        Assert.Empty(await store.ApplyAsync([Accepted("m1", 1, "a"), Accepted("m1", 2, "b")]));
        var submitted = await store.ApplyAsync([Accepted("m1", 3, "c")]);
        Assert.Empty(await store.ApplyAsync([Receipt("a"), Receipt("b")]));
        var delivered = await store.ApplyAsync([Receipt("c")]);

        Assert.Equal((MessageStatus.Submitted, "operator message id A,B,C", (Operator?)Operator.Telenor), (submitted.Single().Status, submitted.Single().Detail, submitted.Single().Operator));
        Assert.Equal(MessageStatus.Delivered, delivered.Single().Status);
        Assert.Equal(["accepted", "queued", "submitted", "delivered"], await HistoryAsync("m1"));
        var message = (await _messages.GetAsync("acct", "m1"))!.Value.Message;
        Assert.Equal(("delivered", "Telenor", 87L), (message.Status, message.Operator, message.PriceOre));
    }

    [Fact]
    public async Task Receipts_of_earlier_parts_are_kept_with_their_parts_so_a_new_store_after_a_restart_completes_the_message()
    {
        await InsertAsync("m1", segments: 3);
        await new StatusStore(_database).ApplyAsync([Accepted("m1", 1, "a"), Accepted("m1", 2, "b"), Accepted("m1", 3, "c"), Receipt("a"), Receipt("b")]);

        // A new process: nothing in memory, only what was stored.
        var afterRestart = new StatusStore(NewDatabase());
        var changes = await afterRestart.ApplyAsync([Receipt("c")]);

        Assert.Equal(MessageStatus.Delivered, changes.Single().Status);
    }

    [Fact]
    public async Task The_first_part_that_was_not_delivered_speaks_for_the_message()
    {
        await InsertAsync("m1", segments: 2);
        var store = new StatusStore(_database);

        var changes = await store.ApplyAsync([Accepted("m1", 1, "a"), Accepted("m1", 2, "b"), Receipt("a"), Receipt("b", MessageStatus.Expired)]);

        Assert.Equal([MessageStatus.Submitted, MessageStatus.Expired], changes.Select(c => c.Status));
    }

    [Fact]
    public async Task A_receipt_that_overtakes_its_submit_waits_in_storage_and_is_matched_when_the_part_is_stored()
    {
        await InsertAsync("m1");
        var store = new StatusStore(_database);

        Assert.Empty(await store.ApplyAsync([Receipt("a")]));
        Assert.Single(await store.UnmatchedReceiptsAsync(10));
        var changes = await new StatusStore(NewDatabase()).ApplyAsync([Accepted("m1", 1, "a")]);

        Assert.Equal([MessageStatus.Submitted, MessageStatus.Delivered], changes.Select(c => c.Status));
        Assert.Empty(await store.UnmatchedReceiptsAsync(10));
    }

    [Fact]
    public async Task A_receipt_in_the_same_batch_as_its_part_is_matched()
    {
        await InsertAsync("m1");

        var changes = await new StatusStore(_database).ApplyAsync([Receipt("a"), Accepted("m1", 1, "a")]);

        Assert.Equal([MessageStatus.Submitted, MessageStatus.Delivered], changes.Select(c => c.Status));
    }

    [Fact]
    public async Task A_receipt_that_matches_nothing_is_kept_for_inspection()
    {
        var store = new StatusStore(_database);

        await store.ApplyAsync([Receipt("nobody"), Receipt("nobody")]);

        var kept = Assert.Single(await store.UnmatchedReceiptsAsync(10));
        Assert.Equal(("telenor-1", "nobody", "delivered"), (kept.Bind, kept.OperatorMessageKey, kept.Outcome));
    }

    [Fact]
    public async Task A_receipt_delivered_again_is_recorded_once()
    {
        await InsertAsync("m1");
        var store = new StatusStore(_database);
        await store.ApplyAsync([Accepted("m1", 1, "a"), Receipt("a")]);

        Assert.Empty(await store.ApplyAsync([Receipt("a")]));
        Assert.Empty(await store.ApplyAsync([Receipt("a", MessageStatus.Undeliverable)]));
        Assert.Equal(["accepted", "submitted", "delivered"], await HistoryAsync("m1"));
    }

    [Fact]
    public async Task A_part_sent_twice_after_a_link_loss_counts_once()
    {
        await InsertAsync("m1", segments: 2);
        var store = new StatusStore(_database);

        await store.ApplyAsync([Accepted("m1", 1, "a"), Accepted("m1", 1, "a2")]);
        Assert.Empty(await store.ApplyAsync([Receipt("a"), Receipt("a2")]));
        var changes = await store.ApplyAsync([Accepted("m1", 2, "b"), Receipt("b")]);

        Assert.Equal([MessageStatus.Submitted, MessageStatus.Delivered], changes.Select(c => c.Status));
    }

    [Fact]
    public async Task Nothing_moves_a_message_out_of_a_final_status()
    {
        await InsertAsync("m1");
        var store = new StatusStore(_database);
        await store.ApplyAsync([new StatusEntry.Step(new StatusChange("m1", "acct", MessageStatus.Rejected, T0, "operator refused part 1"))]);

        var late = await store.ApplyAsync([new StatusEntry.Step(new StatusChange("m1", "acct", MessageStatus.Queued, T0, "waiting"))]);

        Assert.Empty(late);
        Assert.Equal(["accepted", "rejected"], await HistoryAsync("m1"));
    }

    [Fact]
    public async Task A_step_that_names_no_operator_is_returned_with_the_messages_operator_as_the_api_shows_it()
    {
        await InsertAsync("m1");
        var store = new StatusStore(_database);

        var before = await store.ApplyAsync([new StatusEntry.Step(new StatusChange("m1", "acct", MessageStatus.Queued, T0, "waiting for the account rate"))]);
        var routed = await store.ApplyAsync([
            new StatusEntry.Step(new StatusChange("m1", "acct", MessageStatus.Queued, T0.AddSeconds(1), "route telia-1", Operator.Telia, "telia-1", 87)),
            new StatusEntry.Step(new StatusChange("m1", "acct", MessageStatus.Rejected, T0.AddSeconds(2), "operator refused part 1"))]);

        Assert.Null(before.Single().Operator); // not routed yet: the API shows no operator either
        Assert.Equal([Operator.Telia, Operator.Telia], routed.Select(c => c.Operator));
        Assert.Equal("Telia", (await _messages.GetAsync("acct", "m1"))!.Value.Message.Operator);
    }

    [Fact]
    public async Task A_database_made_before_parts_kept_their_outcome_gets_the_columns()
    {
        var file = TempFiles.NewPath("fa-old", ".db");
        var old = new Database(new StorageOptions { ConnectionString = $"Data Source={file}" });
        await using (var db = old.Open())
            await db.ExecuteAsync("CREATE TABLE message_parts (bind TEXT NOT NULL, operator_message_key TEXT NOT NULL, message_id TEXT NOT NULL, part INTEGER NOT NULL, " +
                                  "operator_message_id TEXT NOT NULL, PRIMARY KEY (bind, operator_message_key))");

        old.EnsureCreated();

        await using var check = old.Open();
        Assert.Equal(0, await check.GetTable<MessagePartRecord>().CountAsync(p => p.Outcome != null));
    }
}
