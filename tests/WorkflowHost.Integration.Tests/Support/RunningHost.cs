using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>The real host as a child process on a free loopback port; stopped (or killed) with the test.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private RunningHost(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<RunningHost> StartAsync(string dataFolder, IDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(ProductProcess.StartInfo(dataFolder, ["--urls", address.ToString()], environment))!;
        var host = new RunningHost(process, address);
        await host.WaitUntilServingAsync();
        return host;
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/api/status");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the host did not answer within 60 s:\n{Output}");
    }

    public int ProcessId => _process.Id;

    /// <summary>Waits for the host's background work (it is a real process): polls <paramref name="condition"/> until it
    /// holds, failing with the host's output once <paramref name="limit"/> has passed.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string failure = "the host did not get there")
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(condition(), $"{failure} within {limit.TotalMinutes:0.#} minute(s):\n{Output}");
    }

    /// <summary>Ends the process at once, as a crash or power loss would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
