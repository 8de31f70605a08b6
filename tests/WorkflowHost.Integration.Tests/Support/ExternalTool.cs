using System.Diagnostics;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>Runs a program the tests read documents with (LibreOffice, poppler's pdfinfo and pdftotext) and returns
/// what it printed; a non-zero exit fails the test with the program's error output.</summary>
public static class ExternalTool
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {await error}");
        return await output;
    }
}
