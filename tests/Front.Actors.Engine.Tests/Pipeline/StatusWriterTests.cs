using System.Threading.Channels;
using Akka.TestKit.Xunit2;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Tests.Pipeline;

/// <summary>The one path for status changes, on a real SQLite file: every step stored once, pushed once, in order.</summary>
public class StatusWriterTests() : TestKit(TestConfig.Patient)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly Database _database = NewDatabase();

    private static Database NewDatabase()
    {
        var database = new Database(new StorageOptions { ConnectionString = $"Data Source={TempFiles.NewPath("fa-writer", ".db")}" });
        database.EnsureCreated();
        return database;
    }

    [Fact]
    public async Task A_step_stored_with_its_message_is_pushed_once_before_the_steps_posted_after_it_and_is_not_stored_again()
    {
        var messages = new MessageStore(_database);
        var at = StatusTime.Now();
        await messages.InsertAcceptedAsync([new MessageRecord
        {
            Id = "m1", AccountId = "acct", Sender = "Front", Recipient = "+4791234567", Text = "Hei", Encoding = "gsm7",
            Segments = 1, Status = "accepted", CreatedAt = at, UpdatedAt = at,
        }]);
        var pushed = new RecordingNotifier();
        var writer = new StatusWriter(new StatusStore(_database), pushed);
        writer.Start(Sys);

        await writer.PushStoredAsync([new StatusChange("m1", "acct", MessageStatus.Accepted, at)]);
        await writer.PostAsync(new StatusChange("m1", "acct", MessageStatus.Queued, at, "route telenor-1", Operator.Telenor, "telenor-1", 50));
        await writer.PostAsync(new StatusChange("m1", "acct", MessageStatus.Rejected, at, "operator refused part 1"));
        var seen = await pushed.TakeAsync(3);

        Assert.Equal([MessageStatus.Accepted, MessageStatus.Queued, MessageStatus.Rejected], seen.Select(c => c.Status));
        Assert.Equal([null, Operator.Telenor, Operator.Telenor], seen.Select(c => c.Operator));
        Assert.Equal(["accepted", "queued", "rejected"], (await messages.GetAsync("acct", "m1"))!.Value.History.Select(h => h.Status));
    }

    [Fact]
    public void A_steps_time_is_kept_in_whole_microseconds_as_every_database_stores_it()
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

        var change = new StatusChange("m1", "acct", MessageStatus.Queued, at);

        Assert.Equal(at.AddTicks(-7), change.At);
        Assert.Equal(at.AddTicks(-7), (change with { At = at }).At);
    }

    /// <summary>What the writer pushed, in order.</summary>
    private sealed class RecordingNotifier : IStatusNotifier
    {
        private readonly Channel<StatusChange> _pushed = Channel.CreateUnbounded<StatusChange>();

        public Task NotifyAsync(IReadOnlyList<StatusChange> changes)
        {
            foreach (var change in changes)
                _pushed.Writer.TryWrite(change);
            return Task.CompletedTask;
        }

        public async Task<List<StatusChange>> TakeAsync(int count)
        {
            var taken = new List<StatusChange>();
            while (taken.Count < count)
                taken.Add(await _pushed.Reader.ReadAsync().AsTask().WaitAsync(Limit));
            return taken;
        }
    }
}
