using System.Diagnostics;

namespace Front.Actors.Tests;

/// <summary>
/// Where a test's databases and files go: one directory per test run, so repeated runs do not fill the machine's
/// temporary directory (SQLite leaves a -wal and a -shm beside each database). The directory is removed when the run
/// exits; a run the test platform ends by killing its process (it does when something still runs at the end) leaves
/// its directory, so each run also removes those of earlier runs whose process is gone.
/// </summary>
internal static class TempFiles
{
    private const string Prefix = "front-actors-tests-";

    private static readonly string Root = CreateRoot();

    /// <summary>A path for a new file or directory: <paramref name="prefix"/> made unique, inside this run's directory.</summary>
    public static string NewPath(string prefix, string extension = "") => Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}{extension}");

    private static string CreateRoot()
    {
        foreach (var earlier in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
            if (!IsRunning(ProcessOf(earlier)))
                Remove(earlier);
        var root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
        return root;
    }

    /// <summary>The process that made a run's directory, from its name (<c>front-actors-tests-{pid}-{guid}</c>).</summary>
    private static int ProcessOf(string directory)
    {
        var name = Path.GetFileName(directory)[Prefix.Length..];
        return int.TryParse(name.Split('-')[0], out var pid) ? pid : 0;
    }

    private static bool IsRunning(int pid)
    {
        if (pid <= 0)
            return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Remove(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held by a process the run started is left; the next run tries again.
        }
    }
}
