using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>The write-ahead logs are copied into their files in the background, not by the writers' commits.</summary>
public class SqliteCheckpointerTests
{
    private static string TempFile(string name) => Path.Combine(TempFiles.NewPath("fa-checkpoint"), name);

    [Fact]
    public void It_checkpoints_the_read_models_file_and_the_journals_once_each_and_no_database_in_memory()
    {
        var file = TempFile("front-actors.db");

        var files = SqliteCheckpointer.Files(new StorageOptions { ConnectionString = $"Data Source={file}" })
            .Select(f => new SqliteConnectionStringBuilder(f).DataSource);
        var shared = SqliteCheckpointer.Files(new StorageOptions { ConnectionString = $"Data Source={file}", JournalConnectionString = $"Data Source={file}" });
        var memory = SqliteCheckpointer.Files(new StorageOptions { ConnectionString = "Data Source=:memory:" });
        var postgres = SqliteCheckpointer.Files(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=x" });

        Assert.Equal([file, Path.Combine(Path.GetDirectoryName(file)!, "front-actors.events.db")], files);
        Assert.Single(shared);
        Assert.Empty(memory);
        Assert.Empty(postgres);
    }

    [Fact]
    public async Task Rows_a_writer_commits_reach_the_database_file_without_the_writer_checkpointing()
    {
        var file = TempFile("front-actors.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var storage = new StorageOptions { ConnectionString = $"Data Source={file}" };
        await using var writer = new DataConnection(Database.DataOptionsFor(storage, storage.EffectiveConnectionString));
        writer.Execute("PRAGMA journal_mode=WAL;");
        writer.Execute("CREATE TABLE t (v TEXT);");
        for (var i = 0; i < 200; i++)
            writer.Execute($"INSERT INTO t VALUES ('{new string('x', 4_000)}');"); // ~200 pages: below the writers' own threshold
        var before = new FileInfo(file).Length;

        var checkpointer = new SqliteCheckpointer(storage, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(file).Length < 200 * 4_000 && DateTime.UtcNow < deadline)
            await Task.Delay(50); // polled from outside: the checkpoint leaves no event to await
        await checkpointer.StopAsync(CancellationToken.None);

        Assert.True(before < 200 * 4_000, $"the writer checkpointed itself: the file had {before} bytes");
        Assert.True(new FileInfo(file).Length >= 200 * 4_000, $"the file has {new FileInfo(file).Length} bytes");
    }
}
