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

    public static ProcessStartInfo StartInfo(string dataFolder, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(ExecutablePath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["WORKFLOWHOST_ROOT"] = RepoPaths.Root;
        info.Environment["WorkflowHost__DataFolder"] = dataFolder;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }

    public static Task<Result> RunAsync(string dataFolder, params string[] args) => RunAsync(dataFolder, null, args);

    public static async Task<Result> RunAsync(string dataFolder, IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(dataFolder, args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
