using System.Diagnostics;
using System.Text;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>
/// Runs the real executable (the WorkflowHost.dll built beside the tests) as a separate process, with the repository as
/// its product root and a private data folder, so tests exercise exactly what a user runs.
/// </summary>
public static class ProductProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "WorkflowHost.dll");

    /// <summary>The benchmark's executable, built beside the tests too (it is not part of the product).</summary>
    public static string BenchPath => Path.Combine(AppContext.BaseDirectory, "WorkflowHost.Bench.dll");

    public static ProcessStartInfo StartInfo(string dataFolder, IEnumerable<string> args, IDictionary<string, string>? environment = null) =>
        StartInfo(ExecutablePath, dataFolder, args, environment);

    private static ProcessStartInfo StartInfo(string executable, string dataFolder, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(executable);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["WORKFLOWHOST_ROOT"] = RepoPaths.Root;
        info.Environment["WorkflowHost__DataFolder"] = dataFolder;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }

    public static Task<Result> RunAsync(string dataFolder, params string[] args) => RunAsync(dataFolder, null, args);

    public static Task<Result> RunAsync(string dataFolder, IDictionary<string, string>? environment, params string[] args) =>
        RunAsync(StartInfo(dataFolder, args, environment));

    /// <summary>Runs the benchmark executable with <paramref name="args"/>.</summary>
    public static Task<Result> RunBenchAsync(string dataFolder, params string[] args) => RunAsync(StartInfo(BenchPath, dataFolder, args, null));

    private static async Task<Result> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
