using System.Diagnostics;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Benchmarks;

/// <summary>
/// The storage side of one message's life on its own, in this process on SQLite: the intake's insert (message and
/// "accepted" step), then the status store's three batches as the pipeline posts them (the "queued" step, the
/// operator's acceptance of the part, the receipt), each in batches of <c>--batch</c> entries. Prints messages per
/// second and CPU per message for each floor: storage is the engine's single writer, so this is its ceiling.
/// </summary>
public static class StorageBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var messages = args.IntOption("--messages", 50_000);
        var batch = args.IntOption("--batch", 1_000);
        var path = Path.Combine(Path.GetTempPath(), $"front-actors-storage-{Guid.NewGuid():N}.db");
        try
        {
            var database = new Database(new StorageOptions { ConnectionString = $"Data Source={path}" });
            database.EnsureCreated();
            var store = new MessageStore(database);
            var statuses = new StatusStore(database);
            var now = DateTimeOffset.UtcNow;
            var ids = Enumerable.Range(0, messages).Select(i => $"msg_{i:D10}").ToArray();
            Console.WriteLine($"Storage floors on SQLite, {messages:N0} messages, batches of {batch:N0}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"floor",-28} {"messages/s",11} {"CPU µs/msg",11}");

            await MeasureAsync("intake (message + accepted)", messages, async () =>
            {
                foreach (var chunk in ids.Chunk(100))
                    await store.InsertAcceptedAsync(chunk.Select(id => new MessageRecord
                    {
                        Id = id, AccountId = "bench", Sender = "Front", Recipient = "+4791234567", Text = "Hei! Din kode er 123456.", Encoding = "gsm7",
                        Segments = 1, Status = MessageStatus.Accepted.ToWire(), HomeOperator = "Telenor", CreatedAt = now, UpdatedAt = now,
                    }).ToList());
            });
            await MeasureAsync("queued step", messages, () => ApplyAsync(statuses, ids, batch, id =>
                new StatusEntry.Step(new StatusChange(id, "bench", MessageStatus.Queued, now, "route telenor-1", Operator.Telenor, "telenor-1", 39))));
            await MeasureAsync("part accepted (→ submitted)", messages, () => ApplyAsync(statuses, ids, batch, id =>
                new StatusEntry.PartAccepted(id, "bench", Operator.Telenor, new PartMapping("telenor-1", Key(id), Key(id), 1), now)));
            await MeasureAsync("receipt (→ delivered)", messages, () => ApplyAsync(statuses, ids, batch, id =>
                new StatusEntry.Receipt("telenor-1", Key(id), MessageStatus.Delivered, "DELIVRD", now)));
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
        }
    }

    private static string Key(string id) => id[4..];

    private static async Task ApplyAsync(StatusStore statuses, string[] ids, int batch, Func<string, StatusEntry> entry)
    {
        foreach (var chunk in ids.Chunk(batch))
            await statuses.ApplyAsync(chunk.Select(entry).ToList());
    }

    private static async Task MeasureAsync(string floor, int messages, Func<Task> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await run();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuMicros = (process.TotalProcessorTime - cpu).TotalMicroseconds / messages;
        Console.WriteLine($"{floor,-28} {messages / seconds,11:N0} {cpuMicros,11:N1}");
    }
}
