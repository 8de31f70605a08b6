using System.Diagnostics;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// Where a timer batch spends its time, summed over every batch since the process started: claiming the due timers,
/// reading their assignments and context, deciding in memory, writing, committing. Two timestamps per phase per
/// batch, so it stays on in production; the benchmark prints it as the storm's profile.
/// </summary>
public sealed class TimerBatchTimings
{
    private long _claim, _read, _decide, _write, _commit, _batches, _timers;

    public TimeSpan Claim => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _claim));
    public TimeSpan Read => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _read));
    public TimeSpan Decide => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _decide));
    public TimeSpan Write => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _write));
    public TimeSpan Commit => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commit));
    public long Batches => Interlocked.Read(ref _batches);
    public long Timers => Interlocked.Read(ref _timers);

    internal void AddClaim(long since) => Interlocked.Add(ref _claim, Stopwatch.GetTimestamp() - since);
    internal void AddRead(long since) => Interlocked.Add(ref _read, Stopwatch.GetTimestamp() - since);
    internal void AddDecide(long since) => Interlocked.Add(ref _decide, Stopwatch.GetTimestamp() - since);
    internal void AddWrite(long since) => Interlocked.Add(ref _write, Stopwatch.GetTimestamp() - since);

    internal void AddCommit(long since, int timers)
    {
        Interlocked.Add(ref _commit, Stopwatch.GetTimestamp() - since);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _timers, timers);
    }
}
