using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Front.Actors.Smpp.Tests.Interop;

/// <summary>
/// A node-smpp script from tests/interop-node run as a child process: its "EVENT {json}" lines become
/// awaitable events, and commands go to its stdin. Installs the npm package on first use so that
/// <c>dotnet test</c> alone sets everything up.
/// </summary>
internal sealed class NodePeer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _transcript = new();

    private NodePeer(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data is null ? null : "STDERR " + e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<NodePeer> StartAsync(string script, params string[] args)
    {
        var directory = await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return new NodePeer(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>Waits for the next line starting with <paramref name="prefix"/> and returns the rest of it.</summary>
    public async Task<string> ExpectLineAsync(string prefix)
    {
        while (true)
        {
            string line;
            try
            {
                line = await _lines.Reader.ReadAsync().AsTask().WaitAsync(Limit);
            }
            catch (Exception e) when (e is TimeoutException or ChannelClosedException)
            {
                throw new Xunit.Sdk.XunitException($"node peer never printed '{prefix}'. Transcript:\n{Transcript}");
            }
            if (line.StartsWith("FAIL ", StringComparison.Ordinal))
                throw new Xunit.Sdk.XunitException($"node peer failed: {line}\n{Transcript}");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
                return line[prefix.Length..].Trim();
        }
    }

    /// <summary>Waits for the next event of <paramref name="type"/>, skipping others.</summary>
    public async Task<JsonElement> ExpectEventAsync(string type)
    {
        while (true)
        {
            var json = JsonDocument.Parse(await ExpectLineAsync("EVENT ")).RootElement;
            if (json.GetProperty("type").GetString() == type)
                return json;
        }
    }

    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Limit);
        return _process.ExitCode;
    }

    public string Transcript
    {
        get
        {
            lock (_transcript)
                return string.Join('\n', _transcript);
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            _lines.Writer.TryComplete();
            return;
        }
        lock (_transcript)
            _transcript.Add(line);
        if (!line.StartsWith("STDERR ", StringComparison.Ordinal))
            _lines.Writer.TryWrite(line);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var directory = Path.Combine(RepositoryRoot(), "tests", "interop-node");
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(directory, "node_modules", "smpp")))
                return directory;
            var npm = new ProcessStartInfo("npm") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])["ci", "--no-audit", "--no-fund"])
                npm.ArgumentList.Add(arg);
            using var install = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start: is Node.js installed?");
            var output = install.StandardOutput.ReadToEndAsync();
            var errors = install.StandardError.ReadToEndAsync();
            await install.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            if (install.ExitCode != 0)
                throw new InvalidOperationException($"npm ci failed in {directory}:\n{await output}\n{await errors}");
            return directory;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Front.Actors.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Front.Actors.sln not found above " + AppContext.BaseDirectory);
    }
}
