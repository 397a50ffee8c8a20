namespace Front.Actors.Host.Tests;

/// <summary>
/// Where a test host keeps its data. SQLite: a fresh file per test. PostgreSQL: a fresh database per test on
/// the server named by FRONT_ACTORS_POSTGRES (which .ci/run starts and sets).
/// </summary>
public sealed class TestDatabase
{
    public const string PostgresVariable = "FRONT_ACTORS_POSTGRES";

    private TestDatabase(string provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    /// <summary>Where the host keeps its journal and snapshots (SQLite: a file of their own beside the read models').</summary>
    public string JournalConnectionString => Engine.Storage.JournalDatabase.ConnectionString(
        new Engine.Storage.StorageOptions { Provider = Enum.Parse<Engine.Storage.StorageProvider>(Provider), ConnectionString = ConnectionString });

    public static TestDatabase Sqlite() =>
        new("Sqlite", $"Data Source={TempFiles.NewPath("front-actors", ".db")}");

    public static TestDatabase Postgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set");
        var name = $"fa_{Guid.NewGuid():N}";
        using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase("PostgreSql", builder.ConnectionString);
    }

    /// <summary>A database the test made itself (a private PostgreSQL server, say).</summary>
    public static TestDatabase Of(string provider, string connectionString) => new(provider, connectionString);

    public static TestDatabase For(string provider) => provider == "PostgreSql" ? Postgres() : Sqlite();
}
