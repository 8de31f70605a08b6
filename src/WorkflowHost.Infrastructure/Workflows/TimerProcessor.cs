using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// Fires every timer that is due, oldest first, in bounded batches. A batch is one transaction: the timers it claims,
/// the state changes, journal rows, escalations, outbox rows and the next timer of each chain all commit together or
/// not at all, so after a crash each step has happened exactly once.
/// </summary>
public sealed class TimerProcessor(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime)
{
    private readonly BriefingSchedule _briefings = new(runtime.Planner.Calendar, runtime.Options);

    /// <summary>Fires everything due at the clock's current time (including steps that come due because an earlier
    /// step of their chain fired late). Returns the number of timers handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancel = default)
    {
        var now = runtime.Clock.GetUtcNow();
        var total = 0;
        int handled;
        do
        {
            handled = await RunBatchAsync(now, cancel);
            total += handled;
        } while (handled > 0);
        return total;
    }

    /// <summary>When the next pending timer is due, if any: Quartz is told to wake the engine then.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var next = await db.Timers.Where(t => t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt).Select(t => (long?)t.DueAt).FirstOrDefaultAsync(cancel);
        return next is { } ms ? UnixTime.ToChinaTime(ms) : null;
    }

    private async Task<int> RunBatchAsync(DateTimeOffset now, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var nowMs = UnixTime.Of(now);
        var due = await db.Timers
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= nowMs)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(runtime.Options.BatchSize)
            .ToListAsync(cancel);
        if (due.Count == 0) return 0;

        var assignmentIds = due.Where(t => t.AssignmentId is not null).Select(t => t.AssignmentId!.Value).Distinct().ToList();
        var assignments = await db.Assignments.Where(a => assignmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancel);
        var context = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join p in db.Plans on t.PlanId equals p.Id
            where assignmentIds.Contains(a.Id)
            select new { a.Id, t.No, t.ReportingCadence, p.Year }).ToDictionaryAsync(x => x.Id, cancel);
        var periods = due.Where(t => t.Period is not null).Select(t => t.Period!).Distinct().ToList();
        var reported = (await db.Reports.Where(r => assignmentIds.Contains(r.AssignmentId) && periods.Contains(r.Period))
            .Select(r => new { r.AssignmentId, r.Period }).Distinct().ToListAsync(cancel))
            .Select(r => (r.AssignmentId, r.Period)).ToHashSet();

        foreach (var timer in due)
        {
            timer.FiredAt = nowMs;
            if (timer.AssignmentId is not { } assignmentId)
            {
                // The only engine-wide timers are the monthly briefing's.
                await FireBriefingAsync(db, timer, now, cancel);
                continue;
            }
            var assignment = assignments[assignmentId];
            var definition = runtime.DefinitionOf(assignment);
            var planned = WorkflowRuntime.FromRow(timer);
            var info = context[assignmentId];
            var next = runtime.Planner.Next(runtime.ScheduleOf(definition, assignment.DueDate, info.ReportingCadence, info.Year), planned);
            var before = new AssignmentState(assignment.State!, assignment.PastDue, assignment.MissedReports,
                timer.Period is not null && reported.Contains((assignmentId, timer.Period)));
            // After downtime a reminder whose next step is already due too is stale: the unit gets the newer one only.
            var outcome = IsReminder(planned.Kind) && next is not null && next.At <= now
                ? TimerRules.Superseded(before)
                : TimerRules.Decide(definition, planned.Kind, ApprovalOf(definition, planned.Kind), before, runtime.Options.AutoApproveEscalations);

            timer.Status = outcome.Skipped ? TimerStatus.Skipped : TimerStatus.Fired;
            Apply(assignment, outcome.After);
            foreach (var e in outcome.Events)
                Record(db, timer, assignment, info.No, e, nowMs);
            if (outcome.ContinueChain && next is not null)
                db.Timers.Add(WorkflowRuntime.ToRow(assignmentId, next));
        }

        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return due.Count;
    }

    private async Task FireBriefingAsync(WorkflowDbContext db, TimerRow timer, DateTimeOffset now, CancellationToken cancel)
    {
        var month = timer.Period!;
        timer.Status = TimerStatus.Fired;
        var briefing = await BriefingAssembler.AssembleAsync(db, month, now, cancel);
        db.Briefings.Add(new BriefingRow { Month = month, AssembledAt = UnixTime.Of(now), Content = JsonSerializer.Serialize(briefing) });
        db.Journal.Add(new JournalRow { At = UnixTime.Of(now), Actor = Actor.Engine.Name, Event = EngineEvents.Briefing, TimerId = timer.Id, Data = JsonSerializer.Serialize(new { month }) });
        db.Outbox.Add(new OutboxRow
        {
            Key = $"briefing:{month}",
            Kind = EngineEvents.Briefing,
            CreatedAt = UnixTime.Of(now),
            Status = "pending",
            Payload = JsonSerializer.Serialize(new { month }),
        });
        if (_briefings.After(month) is { } next) db.Timers.Add(next);
    }

    private static void Apply(AssignmentRow assignment, AssignmentState after)
    {
        if (assignment.State == after.State && assignment.PastDue == after.PastDue && assignment.MissedReports == after.MissedReports) return;
        assignment.State = after.State;
        assignment.PastDue = after.PastDue;
        assignment.MissedReports = after.MissedReports;
        assignment.Version++;
    }

    /// <summary>The journal row for an event, its escalation record, and its notification.</summary>
    private static void Record(WorkflowDbContext db, TimerRow timer, AssignmentRow assignment, int taskNo, EngineEvent e, long nowMs)
    {
        db.Journal.Add(new JournalRow
        {
            AssignmentId = assignment.Id,
            At = nowMs,
            Actor = Actor.Engine.Name,
            Event = e.Name,
            FromState = e.FromState,
            ToState = e.ToState,
            TimerId = timer.Id,
            Data = nowMs - timer.DueAt > 60_000 ? JsonSerializer.Serialize(new { due = UnixTime.ToChinaTime(timer.DueAt) }) : null,
        });
        if (e.EscalationStatus is { } status)
            db.Escalations.Add(new EscalationRow { AssignmentId = assignment.Id, Step = e.Name, RaisedAt = nowMs, Status = status });
        if (!e.Notify) return;
        var payload = JsonSerializer.Serialize(new { task = taskNo, step = e.Name, timer = timer.Name, dueDate = assignment.DueDate });
        var toUnit = e.EscalationStatus is null or "issued";
        db.Outbox.Add(new OutboxRow
        {
            Key = $"timer:{timer.Id}:{e.Name}",
            Kind = toUnit ? e.Name : "escalation-awaiting-approval",
            AssignmentId = assignment.Id,
            UnitId = toUnit ? assignment.UnitId : null,
            CreatedAt = nowMs,
            Status = "pending",
            Payload = payload,
        });
    }

    private static bool IsReminder(StepKind kind) => kind is StepKind.Reminder or StepKind.ReportReminder;

    private static string? ApprovalOf(WorkflowDefinition definition, StepKind kind) =>
        definition.Deadline?.Escalations.FirstOrDefault(e => e.Step == kind.ToString().ToLowerInvariant())?.Approval;
}
