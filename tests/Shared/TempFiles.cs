namespace Front.Actors.Tests;

/// <summary>
/// Where a test's databases and files go: one directory per test run, removed when the run ends, so repeated runs do not
/// fill the machine's temporary directory (SQLite leaves a -wal and a -shm beside each database).
/// </summary>
internal static class TempFiles
{
    private static readonly string Root = CreateRoot();

    /// <summary>A path for a new file or directory: <paramref name="prefix"/> made unique, inside this run's directory.</summary>
    public static string NewPath(string prefix, string extension = "") => Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}{extension}");

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"front-actors-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still held by a process the run started is left; the directory's name says which run made it.
            }
        };
        return root;
    }
}
