using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Xunit.Sdk;

namespace Front.Actors.Smpp.Tests.Interop;

/// <summary>
/// A node-smpp script from tests/interop-node running as a child process. Its stdout lines go into a channel;
/// tests await the <c>EVENT {json}</c> lines they expect and write commands to its stdin. The first use in a test
/// run installs the pinned npm packages (<c>npm ci</c>) when they are missing, so <c>dotnet test</c> alone sets
/// everything up on a machine with Node. Disposing kills the process tree. Expectations are meant to be awaited one
/// at a time, from the test's own flow.
/// </summary>
internal sealed class NodeInterop : IAsyncDisposable
{
    /// <summary>
    /// A bound on how long anything may take before the test fails; never a wait for something to happen. Generous: on
    /// 2 cores beside the host tests a node script once needed more than 20 s.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    private readonly Process _process;
    private readonly string _name;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
    private readonly List<string> _transcript = new();
    // Lines read while looking for something else, kept for the next expectation: events may arrive in any order.
    private readonly List<string> _unclaimed = new();
    private readonly Task _readers;

    private NodeInterop(Process process, string name)
    {
        _process = process;
        _name = name;
        _readers = Task.WhenAll(ReadStdoutAsync(), ReadStderrAsync());
    }

    /// <summary>Starts <c>node &lt;script&gt; args…</c> in tests/interop-node.</summary>
    public static async Task<NodeInterop> StartAsync(string script, params string[] args)
    {
        var node = FindOnPath("node") ?? throw new XunitException(
            "Node.js ('node') is not on PATH. The SMPP interop tests run node-smpp under Node 20 or later: install Node.js " +
            "(with npm) on this machine, or put it on PATH for the test run.");
        var directory = await Installed.Value;
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new XunitException($"node {script} did not start");
        return new NodeInterop(process, script);
    }

    /// <summary>Waits for <c>LISTENING &lt;port&gt;</c> from a server script.</summary>
    public async Task<int> ListeningPortAsync(TimeSpan? timeout = null)
    {
        var line = await ClaimAsync(l => l.StartsWith("LISTENING ", StringComparison.Ordinal), "LISTENING <port>", timeout);
        return int.Parse(line["LISTENING ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The first event of <paramref name="type"/> (and matching <paramref name="where"/>) not yet returned, waiting
    /// for it when it has not arrived. Events of other types are kept for later expectations.
    /// </summary>
    public async Task<JsonElement> ExpectEventAsync(string type, TimeSpan? timeout = null, Func<JsonElement, bool>? where = null)
    {
        var line = await ClaimAsync(l => TryParseEvent(l, out var e) && e.GetProperty("type").GetString() == type && (where is null || where(e)),
            $"EVENT of type '{type}'", timeout);
        TryParseEvent(line, out var json);
        return json;
    }

    /// <summary>The next <paramref name="count"/> events of <paramref name="type"/>, in the order they arrived.</summary>
    public async Task<IReadOnlyList<JsonElement>> ExpectEventsAsync(string type, int count, TimeSpan? timeout = null)
    {
        var elapsed = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        var events = new List<JsonElement>(count);
        for (var i = 0; i < count; i++)
            events.Add(await ExpectEventAsync(type, Remaining(limit, elapsed)));
        return events;
    }

    /// <summary>Events of <paramref name="type"/> that arrived and were not claimed yet, without waiting.</summary>
    public IReadOnlyList<JsonElement> UnclaimedEvents(string type)
    {
        while (_lines.Reader.TryRead(out var line))
            Keep(line);
        return _unclaimed
            .Select(l => TryParseEvent(l, out var e) ? e : default)
            .Where(e => e.ValueKind == JsonValueKind.Object && e.GetProperty("type").GetString() == type)
            .ToList();
    }

    /// <summary>
    /// Awaits something on our side (a bind, a submit, a stop) within <see cref="DefaultTimeout"/>; when it does not
    /// happen, fails saying what was awaited, with this script's transcript, rather than with a bare timeout.
    /// </summary>
    public async Task<T> Within<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        await Within((Task)task, what, timeout);
        return await task;
    }

    /// <inheritdoc cref="Within{T}(Task{T}, string, TimeSpan?)"/>
    public async Task Within(Task task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new XunitException($"Waited {limit} for {what}.\n{Transcript}");
        }
    }

    /// <summary>Writes one command line to the script's stdin.</summary>
    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new XunitException($"node {_name} did not exit within {timeout ?? DefaultTimeout}.\n{Transcript}");
        }
        // Exit is seen before the last output may have been read; the transcript should be whole.
        await _readers.WaitAsync(DefaultTimeout);
        return _process.ExitCode;
    }

    /// <summary>Everything the script printed so far, stdout and stderr, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_transcript)
                return $"--- node {_name} transcript ---\n{string.Join('\n', _transcript)}\n--- end ---";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(DefaultTimeout);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private async Task<string> ClaimAsync(Func<string, bool> match, string what, TimeSpan? timeout)
    {
        var limit = timeout ?? DefaultTimeout;
        for (var i = 0; i < _unclaimed.Count; i++)
        {
            if (!match(_unclaimed[i]))
                continue;
            var found = _unclaimed[i];
            _unclaimed.RemoveAt(i);
            return found;
        }

        using var cts = new CancellationTokenSource(limit);
        while (true)
        {
            string line;
            try
            {
                line = await _lines.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new XunitException($"node {_name} did not print {what} within {limit}.\n{Transcript}");
            }
            catch (ChannelClosedException)
            {
                var exit = _process.WaitForExit(TimeSpan.FromSeconds(5)) ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
                throw new XunitException($"node {_name} ended (exit code {exit}) before printing {what}.\n{Transcript}");
            }
            if (line.StartsWith("FAIL", StringComparison.Ordinal))
                throw new XunitException($"node {_name} failed: {line}\n{Transcript}");
            if (match(line))
                return line;
            Keep(line);
        }
    }

    private void Keep(string line)
    {
        if (line.StartsWith("FAIL", StringComparison.Ordinal))
            throw new XunitException($"node {_name} failed: {line}\n{Transcript}");
        _unclaimed.Add(line);
    }

    private static bool TryParseEvent(string line, out JsonElement json)
    {
        json = default;
        if (!line.StartsWith("EVENT ", StringComparison.Ordinal))
            return false;
        json = JsonDocument.Parse(line["EVENT ".Length..]).RootElement;
        return true;
    }

    private async Task ReadStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                Record(line);
                _lines.Writer.TryWrite(line);
            }
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
            Record("stderr: " + line);
    }

    private void Record(string line)
    {
        lock (_transcript)
            _transcript.Add(line);
    }

    private static TimeSpan Remaining(TimeSpan limit, Stopwatch elapsed)
    {
        var left = limit - elapsed.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    // ---- installation -------------------------------------------------------------------------

    /// <summary>tests/interop-node with node_modules matching the pinned version; runs npm ci when they do not match.</summary>
    private static async Task<string> InstallAsync()
    {
        var directory = Path.Combine(RepositoryRoot(), "tests", "interop-node");
        if (InstalledVersion(directory) is { } installed && installed == PinnedVersion(directory))
            return directory;

        var npm = FindOnPath("npm") ?? throw new XunitException(
            "npm is not on PATH, so the node-smpp package for the SMPP interop tests cannot be installed. It comes with Node.js.");
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["ci", "--no-audit", "--no-fund"])
            start.ArgumentList.Add(arg);
        using var install = Process.Start(start) ?? throw new XunitException("npm did not start");
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEndAsync();
        try
        {
            await install.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            install.Kill(entireProcessTree: true);
            throw new XunitException($"npm ci in {directory} took more than 5 minutes");
        }
        if (install.ExitCode != 0)
            throw new XunitException($"npm ci failed in {directory} (exit code {install.ExitCode}):\n{await output}\n{await errors}");
        if (InstalledVersion(directory) != PinnedVersion(directory))
            throw new XunitException($"npm ci in {directory} did not install smpp {PinnedVersion(directory)}");
        return directory;
    }

    private static string PinnedVersion(string directory)
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "package.json")));
        return package.RootElement.GetProperty("dependencies").GetProperty("smpp").GetString()!;
    }

    private static string? InstalledVersion(string directory)
    {
        var manifest = Path.Combine(directory, "node_modules", "smpp", "package.json");
        if (!File.Exists(manifest))
            return null;
        using var package = JsonDocument.Parse(File.ReadAllText(manifest));
        return package.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Front.Actors.sln")))
                return dir.FullName;
        throw new XunitException($"Front.Actors.sln not found in {AppContext.BaseDirectory} or any folder above it");
    }

    /// <summary>The full path of an executable on PATH (with the Windows extensions on Windows), or null.</summary>
    private static string? FindOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd", name } : new[] { name };
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var candidate in names)
            {
                var full = Path.Combine(dir, candidate);
                if (File.Exists(full))
                    return full;
            }
        return null;
    }
}
