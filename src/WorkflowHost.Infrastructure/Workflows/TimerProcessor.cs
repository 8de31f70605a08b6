using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Escalations;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Persistence.Bulk;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// Fires every timer that is due, oldest first, in bounded batches. A batch is one transaction: the timers it claims,
/// the state changes, journal rows, escalations, outbox rows and the next timer of each chain all commit together or
/// not at all, so after a crash each step has happened exactly once.
/// The hot path is set-based: one statement claims the batch, one reads its assignments, the rules decide in memory,
/// and the writes go out through <see cref="IBulkStore"/> on the same connection and transaction; nothing of a batch
/// is kept once it commits.
/// One bad timer never stops the others: a batch that throws is split in halves and each half run again, down to the
/// failing timer, which is set aside as an incident (<see cref="TimerIncidents"/>) and retried later with backoff,
/// while every other timer of the batch fires in the same run.
/// </summary>
public sealed class TimerProcessor(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime, TimerIncidents incidents, ProposalGatherer proposals)
{
    private const int MaxConflicts = 10;
    private readonly BriefingSchedule _briefings = new(runtime.Planner.Calendar, runtime.Options);
    private readonly NextTimerCache _next = new(runtime);
    private readonly OutboxPayloadCache _payloads = new();

    /// <summary>Fires everything due at the clock's current time (including steps that come due because an earlier
    /// step of their chain fired late). Returns the number of timers handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancel = default)
    {
        var now = runtime.Clock.GetUtcNow();
        var nowMs = UnixTime.Of(now);
        await incidents.ReleaseDueAsync(nowMs, cancel);
        var total = 0;
        int handled;
        do
        {
            var claimed = new List<long>();
            try
            {
                handled = await RunBatchWithRetryAsync(now, store => store.ClaimDueAsync(nowMs, runtime.Options.BatchSize, cancel), claimed, cancel);
            }
            catch (Exception e) when (IsTimerFailure(e, cancel))
            {
                handled = await IsolateAsync(now, claimed, e, cancel);
            }
            total += handled;
        } while (handled > 0);
        await incidents.ResolveRecoveredAsync(nowMs, cancel);
        // What awaits the working group is put before it as one proposal per task and step, once the run has raised
        // everything due by now.
        await proposals.GatherAsync(cancel);
        return total;
    }

    /// <summary>When the engine must next run, if ever: the next pending timer, or an incident's retry. Quartz is told
    /// to wake the engine then.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var next = await db.Timers.Where(t => t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt).Select(t => (long?)t.DueAt).FirstOrDefaultAsync(cancel);
        if (await incidents.NextRetryAsync(cancel) is { } retry && (next is null || retry < next)) next = retry;
        return next is { } ms ? UnixTime.ToChinaTime(ms) : null;
    }

    /// <summary>Runs one batch; a concurrency conflict (a person's command changed an assignment of this batch
    /// meanwhile, on PostgreSQL; SQLite serializes writers) rolled it back whole, so it runs again on fresh rows.
    /// <paramref name="claimed"/> receives the ids the last attempt claimed, for <see cref="IsolateAsync"/>.</summary>
    private async Task<int> RunBatchWithRetryAsync(DateTimeOffset now, Func<IBulkStore, Task<List<DueTimer>>> claim, List<long> claimed, CancellationToken cancel)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            try
            {
                return await RunBatchAsync(now, claim, claimed, cancel);
            }
            catch (DbUpdateConcurrencyException) when (conflicts < MaxConflicts)
            {
            }
        }
    }

    /// <summary>A batch threw and rolled back: run its halves again, each in its own transaction, down to the single
    /// timers that fail; those are set aside as incidents. Costs about log2(batch) extra batches per bad timer; the
    /// good timers fire in this same run. Returns the timers handled, fired or set aside.</summary>
    private async Task<int> IsolateAsync(DateTimeOffset now, IReadOnlyList<long> ids, Exception error, CancellationToken cancel)
    {
        if (ids.Count == 0) throw new TimerBatchException("a timer batch failed before it claimed its timers", error);
        if (ids.Count == 1)
            return await incidents.RecordAsync(ids[0], error, UnixTime.Of(now), cancel) ? 1 : 0;
        var half = ids.Count / 2;
        return await RunPartAsync(now, ids.Take(half).ToList(), cancel) + await RunPartAsync(now, ids.Skip(half).ToList(), cancel);
    }

    private async Task<int> RunPartAsync(DateTimeOffset now, List<long> ids, CancellationToken cancel)
    {
        var claimed = new List<long>();
        try
        {
            return await RunBatchWithRetryAsync(now, store => store.ClaimAsync(ids, cancel), claimed, cancel);
        }
        catch (Exception e) when (IsTimerFailure(e, cancel))
        {
            return await IsolateAsync(now, claimed, e, cancel);
        }
    }

    /// <summary>Any failure of a batch may be one timer's fault, except a cancellation we asked for and a failure to
    /// reach the database at all (nothing claimed then; <see cref="IsolateAsync"/> rethrows it).</summary>
    private static bool IsTimerFailure(Exception e, CancellationToken cancel) =>
        !(e is OperationCanceledException && cancel.IsCancellationRequested);

    private async Task<int> RunBatchAsync(DateTimeOffset now, Func<IBulkStore, Task<List<DueTimer>>> claim, List<long> claimed, CancellationToken cancel)
    {
        claimed.Clear();
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await using var store = BulkStore.For(db);
        var nowMs = UnixTime.Of(now);
        var phase = Stopwatch.GetTimestamp();
        var due = await claim(store);
        claimed.AddRange(due.Select(t => t.Id));
        EngineMetrics.Phase("claim", phase);
        if (due.Count == 0) return 0;

        phase = Stopwatch.GetTimestamp();
        var assignmentIds = due.Where(t => t.AssignmentId is not null).Select(t => t.AssignmentId!.Value).ToHashSet();
        var assignments = await store.AssignmentsAsync(assignmentIds, cancel);
        var tasks = await TaskContext.LoadAsync(db, cancel);
        var periods = due.Where(t => t.Period is not null && t.AssignmentId is not null).Select(t => t.Period!).ToHashSet();
        var reported = await store.ReportedAsync(assignmentIds, periods, cancel);
        EngineMetrics.Phase("read", phase);

        phase = Stopwatch.GetTimestamp();
        var writes = new TimerBatchWrites { FiredAt = nowMs };
        // An assignment can have several timers in one batch (after downtime): each sees the state the previous left.
        var current = new Dictionary<long, (AssignmentState State, int Changes)>();
        // A timer whose deciding throws (a damaged row, a value no code expected) leaves the batch: what it had written
        // is taken back and it is set aside as an incident in the same transaction as the others. Halving the batch
        // (IsolateAsync) is left for failures of the write itself, so one bad timer in a hundred costs the storm little.
        var failed = new List<(long TimerId, Exception Error)>();
        foreach (var timer in due)
        {
            var mark = writes.Here();
            (AssignmentState, int)? before = timer.AssignmentId is { } id && current.TryGetValue(id, out var seen) ? seen : null;
            try
            {
                await DecideAsync(db, timer, now, nowMs, writes, assignments, tasks, reported, current, cancel);
            }
            catch (Exception e) when (IsTimerFailure(e, cancel))
            {
                writes.TakeBack(mark);
                if (timer.AssignmentId is { } assignmentId)
                {
                    if (before is { } state) current[assignmentId] = state;
                    else current.Remove(assignmentId);
                }
                failed.Add((timer.Id, e));
            }
        }
        foreach (var (id, (after, changes)) in current)
        {
            if (changes == 0) continue;
            var read = assignments[id];
            writes.Assignments.Add(new AssignmentUpdate(id, after.State, after.PastDue, after.MissedReports, read.Version, read.Version + changes));
        }

        EngineMetrics.Phase("decide", phase);

        phase = Stopwatch.GetTimestamp();
        await store.WriteAsync(writes, cancel);
        if (failed.Count > 0) await incidents.HoldAsync(db, failed, nowMs, cancel);
        EngineMetrics.Phase("write", phase);
        phase = Stopwatch.GetTimestamp();
        await transaction.CommitAsync(cancel);
        EngineMetrics.Phase("commit", phase);
        EngineMetrics.Committed(due.Count - failed.Count);
        return due.Count;
    }

    /// <summary>Decides one due timer on the state the batch has reached and adds what it writes.</summary>
    private async Task DecideAsync(WorkflowDbContext db, DueTimer timer, DateTimeOffset now, long nowMs, TimerBatchWrites writes,
        Dictionary<long, AssignmentSnapshot> assignments, IReadOnlyDictionary<long, TaskContext> tasks, HashSet<(long, string)> reported,
        Dictionary<long, (AssignmentState State, int Changes)> current, CancellationToken cancel)
    {
        if (timer.AssignmentId is not { } assignmentId)
        {
            // The only engine-wide timers are the monthly briefing's.
            await FireBriefingAsync(db, timer, now, writes, cancel);
            return;
        }
        var assignment = assignments.GetValueOrDefault(assignmentId) ?? throw new InvalidOperationException($"timer {timer.Id} names assignment {assignmentId}, which does not exist");
        var definition = runtime.Definitions.Get(assignment.DefinitionId ?? throw new InvalidOperationException($"assignment {assignmentId} has no workflow"), assignment.DefinitionVersion);
        var planned = new PlannedTimer(timer.Name, Enum.Parse<StepKind>(timer.Kind), UnixTime.ToChinaTime(timer.DueAt), timer.Chain, timer.Period);
        var info = tasks[assignment.TaskId];
        var next = _next.After(definition, assignment.DueDate, info.ReportingCadence, info.Year, planned);
        var (state, changes) = current.TryGetValue(assignmentId, out var seen)
            ? seen
            : (new AssignmentState(assignment.State!, assignment.PastDue, assignment.MissedReports, false), 0);
        var before = state with { ReportSubmitted = timer.Period is not null && reported.Contains((assignmentId, timer.Period)) };
        // After downtime a reminder whose next step is already due too is stale: the unit gets the newer one only.
        var outcome = IsReminder(planned.Kind) && next is not null && next.At <= now
            ? TimerRules.Superseded(before)
            : TimerRules.Decide(definition, planned.Kind, ApprovalOf(definition, planned.Kind), before, runtime.Options.AutoApproveEscalations);

        writes.Timers.Add(new TimerStatusUpdate(timer.Id, outcome.Skipped ? TimerStatus.Skipped : TimerStatus.Fired));
        var after = outcome.After;
        // An escalation counts as a change too: a person's command that read the assignment before it (销号, which
        // withdraws pending escalations) must lose on the version and decide again, or the escalation would outlive it.
        var changed = after.State != before.State || after.PastDue != before.PastDue || after.MissedReports != before.MissedReports
            || outcome.Events.Any(e => e.EscalationStatus is not null);
        current[assignmentId] = (after, changes + (changed ? 1 : 0));
        foreach (var e in outcome.Events)
            Record(writes, timer, assignment, info.No, e, nowMs);
        if (outcome.ContinueChain && next is not null)
            writes.NewTimers.Add(new NewTimer(assignmentId, next.Name, next.Kind.ToString(), next.Chain, next.Period, UnixTime.Of(next.At)));
    }

    /// <summary>Assembles the month's briefing from the database as it was before this batch, like every other step
    /// of the batch decides on what it read.</summary>
    private async Task FireBriefingAsync(WorkflowDbContext db, DueTimer timer, DateTimeOffset now, TimerBatchWrites writes, CancellationToken cancel)
    {
        var month = timer.Period!;
        var nowMs = UnixTime.Of(now);
        writes.Timers.Add(new TimerStatusUpdate(timer.Id, TimerStatus.Fired));
        var briefing = await BriefingAssembler.AssembleAsync(db, month, now, cancel);
        writes.Briefings.Add((month, nowMs, JsonSerializer.Serialize(briefing)));
        var data = JsonSerializer.Serialize(new { month });
        writes.Journal.Add(new NewJournal(null, nowMs, Actor.Engine.Name, EngineEvents.Briefing, null, null, data, timer.Id));
        // A draft waits for the working group to issue it (BriefingDesk), unless the setting issues it at once.
        if (runtime.Options.AutoIssueBriefings)
            writes.Outbox.Add(new NewOutbox($"briefing:{month}", EngineEvents.Briefing, null, null, nowMs, data));
        if (_briefings.After(month) is { } next)
            writes.NewTimers.Add(new NewTimer(null, next.Name, next.Kind, next.Chain, next.Period, next.DueAt));
    }

    /// <summary>The journal row for an event, its escalation record, and its notification.</summary>
    private void Record(TimerBatchWrites writes, DueTimer timer, AssignmentSnapshot assignment, int taskNo, EngineEvent e, long nowMs)
    {
        var late = nowMs - timer.DueAt > 60_000 ? JsonSerializer.Serialize(new { due = UnixTime.ToChinaTime(timer.DueAt) }) : null;
        writes.Journal.Add(new NewJournal(assignment.Id, nowMs, Actor.Engine.Name, e.Name, e.FromState, e.ToState, late, timer.Id));
        int? escalation = null;
        if (e.EscalationStatus is { } status)
        {
            escalation = writes.Escalations.Count;
            writes.Escalations.Add(new NewEscalation(assignment.Id, e.Name, nowMs, status));
        }
        if (!e.Notify) return;
        var payload = _payloads.For(taskNo, e.Name, timer.Name, assignment.DueDate);
        var toUnit = e.EscalationStatus is null or "issued";
        writes.Outbox.Add(new NewOutbox($"timer:{timer.Id}:{e.Name}", toUnit ? e.Name : Mail.OutboxKinds.EscalationAwaitingApproval, assignment.Id,
            toUnit ? assignment.UnitId : null, nowMs, payload, escalation));
    }

    private static bool IsReminder(StepKind kind) => kind is StepKind.Reminder or StepKind.ReportReminder;

    private static string? ApprovalOf(WorkflowDefinition definition, StepKind kind) =>
        definition.Deadline?.Escalations.FirstOrDefault(e => e.Step == kind.ToString().ToLowerInvariant())?.Approval;
}
