using System.Diagnostics;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>Freezes and thaws a child process (SIGSTOP / SIGCONT, through the system's <c>kill</c>), so a test can look
/// at what it holds at one instant and then kill it exactly there.</summary>
public static class ProcessSignals
{
    public static void Freeze(int pid) => Send(pid, "-STOP");

    public static void Thaw(int pid) => Send(pid, "-CONT");

    private static void Send(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, pid.ToString()]) { RedirectStandardError = true })!;
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {pid} failed: {error}");
    }
}
