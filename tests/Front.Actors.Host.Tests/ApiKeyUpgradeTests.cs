using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Front.Actors.Host.Tests;

/// <summary>A database made before keys had ids, names and times: its keys keep working and are listed like new ones.</summary>
public class ApiKeyUpgradeTests
{
    [Fact]
    public async Task A_key_stored_before_keys_had_ids_keeps_working_and_gets_an_id_and_a_name()
    {
        const string oldKey = "fa-0123456789abcdef0123456789abcdef0123456789abcdef";
        var database = TestDatabase.Sqlite();
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE accounts (id TEXT NOT NULL PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, max_segments INTEGER NOT NULL);
                CREATE TABLE api_keys (key_hash TEXT NOT NULL PRIMARY KEY, account_id TEXT NOT NULL, created_at TEXT NOT NULL);
                INSERT INTO accounts VALUES ('legacy', 'Legacy AS', 'Legacy', 10);
                INSERT INTO api_keys VALUES ('{Engine.Storage.AccountStore.Hash(oldKey)}', 'legacy', '2024-01-02 03:04:05.000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        await using var host = await EngineHost.StartAsync(database);
        var legacy = host.Client(oldKey);
        var account = await legacy.GetAsync("/api/v1/account");
        var keys = await legacy.GetFromJsonAsync<JsonElement>("/api/v1/accounts/legacy/keys");

        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        var key = Assert.Single(keys.GetProperty("items").EnumerateArray());
        Assert.StartsWith("key_", key.GetProperty("id").GetString());
        Assert.Equal("first key", key.GetProperty("name").GetString());
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), key.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(0, key.GetProperty("allowedIps").GetArrayLength());
    }
}
