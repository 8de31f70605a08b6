using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace WorkflowHost.DataSets;

/// <summary>
/// A real SMTP server on loopback, for the tests and the benchmark: Debian's aiosmtpd running Support/smtp_sink.py,
/// which stores what arrives as .eml files. Tests read back exactly what a mail server received.
/// `.ci/install-prerequisites` installs python3-aiosmtpd.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;

    public int Port { get; }
    public string Folder { get; }

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    /// <summary>Starts the server on <paramref name="port"/> (a free one when 0) and waits until it accepts connections.</summary>
    public static async Task<SmtpSink> StartAsync(string folder, int port = 0, string? refuse = null, int delayMs = 0)
    {
        if (!File.Exists(Python) || Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true }) is not { } probe
            || !probe.WaitForExit(10_000) || probe.ExitCode != 0)
            throw new InvalidOperationException("the tests need Debian's python3-aiosmtpd: run `bash .ci/install-prerequisites` as root");
        port = port == 0 ? FreePort() : port;
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "smtp_sink.py"));
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString());
        info.ArgumentList.Add("--dir");
        info.ArgumentList.Add(folder);
        if (refuse is not null) { info.ArgumentList.Add("--refuse"); info.ArgumentList.Add(refuse); }
        if (delayMs > 0) { info.ArgumentList.Add("--delay-ms"); info.ArgumentList.Add(delayMs.ToString()); }
        var process = Process.Start(info)!;
        var sink = new SmtpSink(process, port, folder);
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
            throw new InvalidOperationException($"the SMTP sink did not start: {await process.StandardError.ReadToEndAsync()}");
        return sink;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public IReadOnlyList<string> Files() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages() => Files().Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>The recipients the server accepted for a message (RCPT TO), as the sink recorded them.</summary>
    public static string EnvelopeTo(MimeMessage message) => message.Headers["X-Envelope-To"] ?? "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
