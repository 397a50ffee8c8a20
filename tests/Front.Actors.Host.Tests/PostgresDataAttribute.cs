using System.Reflection;
using Xunit.Sdk;

namespace Front.Actors.Host.Tests;

/// <summary>
/// The PostgreSQL row of a theory over storage providers: <c>[InlineData("Sqlite")] [PostgresData]</c>. Without a
/// server named in FRONT_ACTORS_POSTGRES the row is reported as skipped (with the reason) instead of vanishing,
/// so a run without PostgreSQL says what it did not cover. xunit 2 reads Skip from the attribute instance when
/// it discovers the theory's rows, which is what makes a skip decided at run time possible.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is not { Length: > 0 })
            Skip = $"{TestDatabase.PostgresVariable} is not set: no PostgreSQL server for this run (.ci/run starts one)";
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["PostgreSql"]];
}
