namespace WorkflowHost.Benchmarks;

/// <summary>Resident memory as Linux reports it (<c>/proc/PID/status</c>): VmRSS now, VmHWM the peak since the last
/// reset. Writing 5 to <c>clear_refs</c> resets the peak, so a phase's own peak can be measured.</summary>
public static class ProcessMemory
{
    public static long? ResidentBytes(int pid) => Read(pid, "VmRSS:");

    public static long? PeakBytes(int pid) => Read(pid, "VmHWM:");

    public static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux, or not allowed: the peak then covers the whole process life, which the report says.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long? Read(int pid, string field)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
        return null;
    }

    public static string Megabytes(long? bytes) => bytes is { } b ? $"{b / 1024.0 / 1024.0:F0} MB" : "n/a";
}
