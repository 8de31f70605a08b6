using WorkflowHost.Engine.Workflows;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.DataSets;

/// <summary>
/// The deadline storm: every assignment of the tasks sharing the most common due date (12月底前: 19 tasks) has its
/// deadline timer at the overdue step, all due at one instant. Built from an imported data set by moving each of
/// those timers to the step the engine would hold after the reminders fired (the overdue step, by the real
/// definitions and calendar), due at <see cref="At"/>. Firing one is the full path: state change (in-progress →
/// overdue), journal row, outbox row, and the next timer (the 函告 letter step).
/// </summary>
public sealed record StormShape(DateTimeOffset At, int Timers, PlannedTimer Overdue, PlannedTimer Letter, IReadOnlyList<long> TaskIds, string OverdueState)
{
    public static async Task<StormShape> PrepareAsync(IServiceProvider services, DateTimeOffset at, CancellationToken cancel)
    {
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        var tasks = await (from t in db.PlanTasks join p in db.Plans on t.PlanId equals p.Id where t.DeadlineKind == "due" select new { t.Id, t.DueDate, t.ReportingCadence, p.Year })
            .AsNoTracking().ToListAsync(cancel);
        var shared = tasks.GroupBy(t => t.DueDate!.Value).OrderByDescending(g => g.Count()).First();
        var due = shared.Key;
        var sample = shared.First();
        var definition = runtime.Definitions.LatestFor(DeadlineKind.Due);
        var schedule = runtime.ScheduleOf(definition, due, sample.ReportingCadence, sample.Year);
        // Started late on the due date, a workflow's first deadline timer is the overdue step (reminders are past).
        var overdue = runtime.Planner.Start(schedule, ChinaTime.At(due, new TimeOnly(23, 0))).Single(t => t.Chain == TimerChain.Deadline);
        var letter = runtime.Planner.Next(schedule, overdue) ?? throw new InvalidOperationException("the dated workflow has no step after overdue");

        var taskIds = shared.Select(t => t.Id).ToList();
        var atMs = UnixTime.Of(at);
        var kind = overdue.Kind.ToString();
        var moved = await db.Timers
            .Where(t => t.Chain == TimerChain.Deadline && t.Status == TimerStatus.Pending && db.Assignments.Any(a => a.Id == t.AssignmentId && taskIds.Contains(a.TaskId)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, overdue.Name).SetProperty(t => t.Kind, kind).SetProperty(t => t.DueAt, atMs), cancel);
        return new StormShape(at, moved, overdue, letter, taskIds, definition.StateWith(StateRole.Overdue)!.Name);
    }

    /// <summary>Pending timers due by the storm's instant that are not the storm's own (should be none).</summary>
    public static async Task<int> OthersDueAsync(IServiceProvider services, StormShape storm, CancellationToken cancel)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        var atMs = UnixTime.Of(storm.At);
        return await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending && t.DueAt <= atMs && t.Name != storm.Overdue.Name, cancel);
    }
}
