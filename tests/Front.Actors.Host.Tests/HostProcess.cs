using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// The host as its own operating-system process, so a test can kill it with SIGKILL (kill -9) and start it
/// again on the same database.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EngineHost.ApiKey);
    }

    public int Port { get; }
    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return string.Join('\n', _output);
        }
    }

    public static async Task<HostProcess> StartAsync(string sqliteFile, params string[] settings)
    {
        // Both ports chosen here, while both are held: with the cluster's left to the host (port 0), its remoting once
        // took the HTTP port the test had just released, and Kestrel could not bind.
        var (port, remotingPort) = TwoFreePorts();
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     Path.Combine(directory, "Front.Actors.Host.dll"), "--urls", $"http://127.0.0.1:{port}", "--Cluster:Port", remotingPort.ToString(),
                     "--LocalMode:Enabled", "true", "--ApiKeys:RequestsPerSecond", "0", "--Demo:ApiKey", EngineHost.ApiKey, "--Storage:ConnectionString", $"Data Source={sqliteFile}",
                     // Test receivers are plain http on 127.0.0.1, as in EngineHost.
                     "--Webhooks:AllowHttp=true", "--Webhooks:AllowLoopback=true", $"--Webhooks:SecretKey={EngineHost.TestSecretKey}",
                 }.Concat(settings))
            start.ArgumentList.Add(arg);
        var host = new HostProcess(Process.Start(start)!, port);
        await host.WaitForClusterAsync();
        return host;
    }

    /// <summary>Settings for a host with the built-in simulators off and one Telenor bind to a simulator the test runs, plus <paramref name="more"/>.</summary>
    public static string[] OneBindTo(int port, params string[] more) =>
    [
        "--Smpp:Simulator:Enabled=false", "--Smpp:Binds:0:Name=telenor-1", "--Smpp:Binds:0:Operator=Telenor",
        "--Smpp:Binds:0:Host=127.0.0.1", $"--Smpp:Binds:0:Port={port}", "--Smpp:Binds:0:SystemId=front",
        "--Smpp:Binds:0:SubmitIdFormat=Hex", "--Smpp:Binds:0:ReceiptIdFormat=Decimal", .. more,
    ];

    /// <summary>SIGKILL: no shutdown hooks run, nothing is flushed that was not already committed.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async Task<JsonElement> GetMessageAsync(string id) => await Client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");

    /// <summary>Polls the public API until the message reaches <paramref name="wanted"/> or the limit passes.</summary>
    public async Task<string> StatusAfterAsync(string id, string wanted, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var status = (await GetMessageAsync(id)).GetProperty("status").GetString()!;
            if (status == wanted || DateTime.UtcNow > deadline)
                return status;
            await Task.Delay(50); // an outside client has nothing to await but the API
        }
    }

    private async Task WaitForClusterAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"host exited with {_process.ExitCode}:\n{Output}");
            try
            {
                // 503 while binds are down is still an answer: the cluster is what must be up.
                var response = await Client.GetAsync("/health/ready");
                var ready = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (ready.GetProperty("cluster").GetString() == "up")
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"host did not come up:\n{Output}");
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    private static (int First, int Second) TwoFreePorts()
    {
        using var first = new TcpListener(System.Net.IPAddress.Loopback, 0);
        using var second = new TcpListener(System.Net.IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((System.Net.IPEndPoint)first.LocalEndpoint).Port, ((System.Net.IPEndPoint)second.LocalEndpoint).Port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        Client.Dispose();
    }
}
