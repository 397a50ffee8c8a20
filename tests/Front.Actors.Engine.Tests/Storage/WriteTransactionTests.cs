using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>The hot paths' transaction on a real SQLite file: SQLite's own BEGIN and COMMIT, no provider transaction.</summary>
public class WriteTransactionTests
{
    private readonly Database _database;

    public WriteTransactionTests()
    {
        _database = new Database(new StorageOptions { ConnectionString = $"Data Source={TempFiles.NewPath("fa-tx", ".db")}" });
        _database.EnsureCreated();
    }

    private static ProjectionOffsetRecord Offset(string name) => new() { Name = name, Offset = 1, UpdatedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task What_was_not_committed_is_rolled_back_and_the_pooled_connection_takes_the_next_transaction()
    {
        await using (var db = _database.Open())
        await using (var transaction = await WriteTransaction.BeginAsync(db))
        {
            await db.InsertAsync(Offset("dropped"));
        }

        await using (var db = _database.Open())
        await using (var transaction = await WriteTransaction.BeginAsync(db))
        {
            await db.InsertAsync(Offset("kept"));
            await transaction.CommitAsync();
        }

        await using var read = _database.Open();
        Assert.Equal(["kept"], await read.GetTable<ProjectionOffsetRecord>().Select(o => o.Name).ToListAsync());
    }
}
