using System.Diagnostics;
using WorkflowHost.Hosting;
using System.Net;
using System.Net.Sockets;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// Starts the real host (this executable without a verb: migrations, clock, Quartz, web app) on a benchmark database
/// and times it from process start to the first answered request (<c>GET /</c>, which redirects without touching the
/// database), then how long <c>GET /api/status</c> takes (it counts every assignment); then, after the host has idled a
/// few seconds, reads its resident memory. Beside the wall time it reads the CPU time the host had used when it first
/// served: on a machine shared with other work the wall time mostly measures the others, the CPU time much less.
/// With a published host (<c>--published DIR</c>, e.g. a ReadyToRun publish) that build is started instead.
/// </summary>
public static class HostStartMeasure
{
    public sealed record Result(TimeSpan ToServing, TimeSpan CpuToServing, TimeSpan Status, long? IdleResident, string? Timeline);

    public static async Task<Result> RunAsync(string productRoot, BenchDatabase database, DateTimeOffset clock, string? publishedHost, CancellationToken cancel)
    {
        var port = FreePort();
        // The product's own executable (copied beside the benchmark, or the published one), as a user starts it:
        // `dotnet WorkflowHost.dll`.
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = productRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(HostAssembly(publishedHost));
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["WORKFLOWHOST_ROOT"] = productRoot,
            ["WorkflowHost__DataFolder"] = database.Folder,
            ["WorkflowHost__Plan"] = "",
            ["WorkflowHost__Database__Provider"] = database.IsPostgres ? "PostgreSql" : "Sqlite",
            ["WorkflowHost__Database__ConnectionString"] = database.IsPostgres ? database.ConnectionString : "",
            ["WorkflowHost__Clock__Mode"] = "Virtual",
            ["WorkflowHost__Clock__Start"] = clock.ToString("O"),
            ["WorkflowHost__Clock__Speed"] = "0",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Logging__LogLevel__Default"] = "Warning",
            // The start-up timeline (StartupTimeline) is logged at Information: read it back for the profile.
            ["Logging__LogLevel__WorkflowHost.Startup"] = "Information",
            // A national deployment's configuration: no demo accounts (with them, the first start on a directory of
            // 23,000 units would create 46,000 accounts, a one-off seeding cost like the plan import's).
            ["WorkflowHost__Demo__Enabled"] = "false",
        }) info.Environment[key] = value;

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        try
        {
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"the host exited with {process.ExitCode} before serving: {await stderr}");
                if (watch.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("the host did not serve /api/status within 5 minutes");
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/", cancel);
                    if (response.StatusCode == HttpStatusCode.Redirect) break;
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(20, cancel);
            }
            var toServing = watch.Elapsed;
            process.Refresh();
            var cpuToServing = process.TotalProcessorTime;
            var status = Stopwatch.StartNew();
            using (var response = await http.GetAsync($"http://127.0.0.1:{port}/api/status", cancel)) response.EnsureSuccessStatusCode();
            status.Stop();
            await Task.Delay(TimeSpan.FromSeconds(5), cancel);
            var idle = ProcessMemory.ResidentBytes(process.Id);
            await StopAsync(process);
            var timeline = (await stdout).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("start-up timeline", StringComparison.Ordinal));
            return new Result(toServing, cpuToServing, status.Elapsed, idle, timeline);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    public static string HostAssembly(string? publishedHost)
    {
        if (publishedHost is null) return typeof(ProductSettings).Assembly.Location;
        var published = Path.Combine(Path.GetFullPath(publishedHost), Path.GetFileName(typeof(ProductSettings).Assembly.Location));
        return File.Exists(published) ? published : throw new FileNotFoundException($"--published: no {Path.GetFileName(published)} in {publishedHost}", published);
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
