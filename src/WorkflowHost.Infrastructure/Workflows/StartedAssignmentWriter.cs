using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence.Bulk;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// Inserts assignments with their workflows already started — the row in its initial state, the first timer of each
/// chain, the <c>started</c> journal row — in chunks through <see cref="IBulkStore"/>, inside the caller's
/// transaction. What is written is exactly what <see cref="WorkflowStarter"/> writes for an assignment, without
/// inserting it first and updating it after, and without holding a million objects at once.
/// </summary>
public sealed class StartedAssignmentWriter(IBulkStore store, long startedAt, Plans.ImportTimings? timings = null)
{
    public const int ChunkSize = 5_000;
    private readonly List<NewAssignment> _assignments = new(ChunkSize);
    private readonly List<WorkflowStart> _starts = new(ChunkSize);

    public int Written { get; private set; }

    public async Task AddAsync(long taskId, long unitId, string role, WorkflowStart start, CancellationToken cancel, long? parentId = null)
    {
        _assignments.Add(new NewAssignment(taskId, unitId, role, start.Definition.Id, start.Definition.Version, start.Definition.InitialState, start.DueDate, startedAt, parentId));
        _starts.Add(start);
        if (_assignments.Count >= ChunkSize) await FlushAsync(cancel);
    }

    /// <summary>Adds an assignment that others will name as their parent, and writes it at once (with whatever waits
    /// before it) so that its id is known: a parent is written before its children. A task has one or a few.</summary>
    public async Task<long> AddParentAsync(long taskId, long unitId, string role, WorkflowStart start, CancellationToken cancel)
    {
        await AddAsync(taskId, unitId, role, start, cancel);
        await FlushAsync(cancel);
        return LastId;
    }

    private long LastId { get; set; }

    public async Task FlushAsync(CancellationToken cancel)
    {
        if (_assignments.Count == 0) return;
        var phase = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = await store.InsertAssignmentsAsync(_assignments, cancel);
        timings?.AddAssignments(phase);
        // The rows of one workflow start (a task's: the same definition, timers and journal row) are consecutive; each
        // run of them gets its timers and journal rows from one template, not one object per row.
        var runs = new List<(int Start, int Count)>();
        for (var i = 0; i < ids.Length; i++)
            if (i > 0 && ReferenceEquals(_starts[i], _starts[i - 1])) runs[^1] = (runs[^1].Start, runs[^1].Count + 1);
            else runs.Add((i, 1));
        phase = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var (first, count) in runs)
        {
            var start = _starts[first];
            var template = start.Timers.Select(t => new NewTimer(null, t.Name, t.Kind.ToString(), t.Chain, t.Period, UnixTime.Of(t.At))).ToList();
            await store.InsertTimersForEachAsync(new ArraySegment<long>(ids, first, count), template, cancel);
        }
        timings?.AddTimers(phase);
        phase = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var (first, count) in runs)
        {
            var start = _starts[first];
            var journal = new NewJournal(null, startedAt, Actor.Engine.Name, EngineEvents.Started, null, start.Definition.InitialState, start.JournalData, null);
            await store.InsertJournalForEachAsync(new ArraySegment<long>(ids, first, count), journal, cancel);
        }
        timings?.AddJournal(phase);
        Written += ids.Length;
        LastId = ids[^1];
        _assignments.Clear();
        _starts.Clear();
    }
}
