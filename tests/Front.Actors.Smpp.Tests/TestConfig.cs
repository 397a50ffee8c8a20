namespace Front.Actors.Smpp.Tests;

/// <summary>
/// TestKit's default wait (3 s) fails on a busy 2-core machine while other test assemblies run; a
/// generous bound only makes a real failure slower to report.
/// </summary>
internal static class TestConfig
{
    public const string Patient = "akka.test.single-expect-default = 30s";
}
