using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// Starts a workflow for every assignment that has none: the latest definition for its kind of deadline, the
/// initial state, and the first timer of each chain. Runs inside the caller's transaction (the plan import), so a
/// plan is never imported without its workflows. The plan import itself inserts its assignments already started
/// (<see cref="StartedAssignmentWriter"/>); this catches any inserted without a workflow, and starts the engine-wide
/// briefing chain.
/// </summary>
public sealed class WorkflowStarter(WorkflowDbContext db, WorkflowRuntime runtime)
{
    public async Task<int> StartPendingAsync(CancellationToken cancel = default)
    {
        var now = runtime.Clock.GetUtcNow();
        var pending = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join p in db.Plans on t.PlanId equals p.Id
            where a.State == null
            select new { Assignment = a, t.DeadlineKind, t.DueDate, t.ReportingCadence, p.Year }).ToListAsync(cancel);

        foreach (var item in pending)
        {
            var start = WorkflowStart.For(runtime, item.DeadlineKind, item.DueDate, item.ReportingCadence, item.Year, now);
            var assignment = item.Assignment;
            assignment.DefinitionId = start.Definition.Id;
            assignment.DefinitionVersion = start.Definition.Version;
            assignment.State = start.Definition.InitialState;
            assignment.DueDate = item.DueDate;
            assignment.StartedAt = UnixTime.Of(now);
            assignment.Version = 1;
            db.Timers.AddRange(start.Timers.Select(t => WorkflowRuntime.ToRow(assignment.Id, t)));
            db.Journal.Add(new JournalRow
            {
                AssignmentId = assignment.Id,
                At = UnixTime.Of(now),
                Actor = Actor.Engine.Name,
                Event = EngineEvents.Started,
                ToState = start.Definition.InitialState,
                Data = start.JournalData,
            });
        }
        await StartBriefingsAsync(now, cancel);
        await db.SaveChangesAsync(cancel);
        return pending.Count;
    }

    /// <summary>The monthly briefing chain starts with the first plan and then keeps itself going.</summary>
    private async Task StartBriefingsAsync(DateTimeOffset now, CancellationToken cancel)
    {
        if (await db.Timers.AnyAsync(t => t.Chain == BriefingSchedule.Chain, cancel)) return;
        if (new BriefingSchedule(runtime.Planner.Calendar, runtime.Options).First(now) is { } first) db.Timers.Add(first);
    }
}
