using System.Diagnostics;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Where one plan import spends its time: units and plan rows, the assignment, timer and journal inserts, dropping and
/// rebuilding the secondary indexes, starting anything left unstarted, and the commit. A handful of timestamps per
/// chunk, so it is always on; the benchmark prints it as the import's profile.
/// </summary>
public sealed class ImportTimings
{
    private long _plan, _dropIndexes, _assignments, _timers, _journal, _createIndexes, _startPending, _commit;

    public TimeSpan Plan => Elapsed(_plan);
    public TimeSpan DropIndexes => Elapsed(_dropIndexes);
    public TimeSpan Assignments => Elapsed(_assignments);
    public TimeSpan Timers => Elapsed(_timers);
    public TimeSpan Journal => Elapsed(_journal);
    public TimeSpan CreateIndexes => Elapsed(_createIndexes);
    public TimeSpan StartPending => Elapsed(_startPending);
    public TimeSpan Commit => Elapsed(_commit);

    /// <summary>Whether the secondary indexes were dropped for the load and rebuilt after it (first import only).</summary>
    public bool IndexesRebuilt { get; internal set; }

    public void AddPlan(long since) => _plan += Stopwatch.GetTimestamp() - since;
    public void AddDropIndexes(long since) => _dropIndexes += Stopwatch.GetTimestamp() - since;
    public void AddAssignments(long since) => _assignments += Stopwatch.GetTimestamp() - since;
    public void AddTimers(long since) => _timers += Stopwatch.GetTimestamp() - since;
    public void AddJournal(long since) => _journal += Stopwatch.GetTimestamp() - since;
    public void AddCreateIndexes(long since) => _createIndexes += Stopwatch.GetTimestamp() - since;
    public void AddStartPending(long since) => _startPending += Stopwatch.GetTimestamp() - since;
    public void AddCommit(long since) => _commit += Stopwatch.GetTimestamp() - since;

    private static TimeSpan Elapsed(long ticks) => Stopwatch.GetElapsedTime(0, ticks);

    public override string ToString() =>
        $"units and plan rows {S(Plan)}, drop indexes {S(DropIndexes)}, insert assignments {S(Assignments)}, timers {S(Timers)}, journal {S(Journal)}, " +
        $"rebuild indexes {S(CreateIndexes)}, start pending {S(StartPending)}, commit {S(Commit)}" + (IndexesRebuilt ? "" : " (indexes kept: tables not empty)");

    /// <summary>The insert phases alone, for a bulk write that is not a whole import (the bench's 下达).</summary>
    public string Writes() => $"drop indexes {S(DropIndexes)}, insert assignments {S(Assignments)}, timers {S(Timers)}, journal {S(Journal)}, rebuild indexes {S(CreateIndexes)}";

    private static string S(TimeSpan span) => $"{span.TotalSeconds:F2} s";
}
