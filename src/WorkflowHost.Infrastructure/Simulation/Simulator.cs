using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Simulation;

/// <summary>What a simulation did: how many timers fired and how the simulated people's actions went.</summary>
public sealed record SimulationRun(DateTimeOffset From, DateTimeOffset To, string Profile, int TimersHandled, int ActionsSucceeded,
    IReadOnlyDictionary<string, int> Refusals)
{
    public int ActionsRefused => Refusals.Values.Sum();
}

/// <summary>
/// Runs the engine on a stopped virtual clock as fast as the machine allows: the clock jumps to the next instant at
/// which either a timer is due or a simulated person acts; timers due at an instant fire before the people acting at
/// it, and the hooks (mail) after both. The engine is the product's own (the same processor, commands and database), so a simulation shows exactly
/// what the product would do.
/// </summary>
public sealed class Simulator(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime, TimerProcessor processor, IMediator mediator)
{
    public async Task<SimulationRun> RunAsync(ISimulationProfile profile, DateTimeOffset to, CancellationToken cancel = default) =>
        await RunAsync(profile, to, [], cancel);

    public async Task<SimulationRun> RunAsync(ISimulationProfile profile, DateTimeOffset to, IReadOnlyList<ISimulationHook> hooks, CancellationToken cancel = default)
    {
        var clock = runtime.Clock as IAdjustableClock
            ?? throw new InvalidOperationException("a simulation needs a virtual clock");
        var from = runtime.Clock.GetUtcNow();
        if (to < from) throw new ArgumentOutOfRangeException(nameof(to), to, $"the simulation would end ({to:O}) before it starts ({from:O})");

        var queue = new PriorityQueue<SimulatedAction, (DateTimeOffset At, long Order)>();
        long order = 0;
        void Enqueue(IEnumerable<SimulatedAction> actions)
        {
            foreach (var action in actions)
                if (action.At >= runtime.Clock.GetUtcNow() && action.At <= to) queue.Enqueue(action, (action.At, order++));
        }
        Enqueue(profile.Plan(await AssignmentsAsync(from, to, cancel), from, to));

        int timers = 0, succeeded = 0;
        var refusals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            var nextTimer = await processor.NextDueAsync(cancel);
            DateTimeOffset? nextAction = queue.TryPeek(out _, out var priority) ? priority.At : null;
            var next = hooks.Aggregate(Earliest(nextTimer, nextAction), (earliest, hook) => Earliest(earliest, hook.NextWake(runtime.Clock.GetUtcNow())));
            if (next is null || next > to) break;
            if (next > runtime.Clock.GetUtcNow()) clock.MoveTo(next.Value);

            timers += await processor.RunDueAsync(cancel);
            while (queue.TryPeek(out var action, out var at) && at.At <= runtime.Clock.GetUtcNow())
            {
                queue.Dequeue();
                var result = await action.Run(mediator);
                if (result.Succeeded)
                {
                    succeeded++;
                    if (action.Then is not null) Enqueue(action.Then(runtime.Clock.GetUtcNow(), result));
                }
                else refusals[result.Refusal!] = refusals.GetValueOrDefault(result.Refusal!) + 1;
            }
            foreach (var hook in hooks) await hook.RunAsync(runtime.Clock.GetUtcNow(), cancel);
        }
        if (to > runtime.Clock.GetUtcNow()) clock.MoveTo(to);
        timers += await processor.RunDueAsync(cancel);
        foreach (var hook in hooks) await hook.RunAsync(runtime.Clock.GetUtcNow(), cancel);
        return new SimulationRun(from, to, profile.Name, timers, succeeded, refusals);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Every assignment with what a profile plans by: its due date and its report periods in the window.</summary>
    private async Task<IReadOnlyList<SimulatedAssignment>> AssignmentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var rows = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where a.State != null
            orderby a.Id
            select new { Assignment = a, t.No, t.ReportingCadence, Unit = u.Name }).AsNoTracking().ToListAsync(cancel);

        // The tree: whose unit reviews each share, which have shares below, and each unit's sub-units.
        var byId = rows.ToDictionary(r => r.Assignment.Id);
        var parents = rows.Where(r => r.Assignment.ParentId is not null).Select(r => r.Assignment.ParentId!.Value).ToHashSet();
        var subUnits = (await db.Units.AsNoTracking().Where(u => u.ParentId != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name, Parent = u.ParentId!.Value }).ToListAsync(cancel))
            .ToLookup(u => u.Parent, u => (u.Id, u.Name));

        var first = ChinaTime.DateOf(from);
        var last = ChinaTime.DateOf(to);
        var periods = new Dictionary<(string, string), IReadOnlyList<(string, DateOnly)>>();
        return rows.Select(row =>
        {
            var definition = runtime.DefinitionOf(row.Assignment);
            var key = (definition.Key, row.ReportingCadence);
            if (!periods.TryGetValue(key, out var reportPeriods))
            {
                var cadence = CadenceNames.FromWireName(row.ReportingCadence) ?? Cadence.Monthly;
                periods[key] = reportPeriods = ReportingSchedule.Compute(definition, cadence, first, last, runtime.Planner.Calendar)
                    .Where(p => p.DueAt >= from && p.DueAt <= to).Select(p => (p.Key, p.DueDate)).ToList();
            }
            var parent = row.Assignment.ParentId is { } p && byId.TryGetValue(p, out var above) ? (above.Assignment.UnitId, above.Unit) : ((long, string)?)null;
            return new SimulatedAssignment(row.Assignment.Id, row.Assignment.UnitId, row.Unit, row.No, row.Assignment.DueDate, reportPeriods,
                parent, parents.Contains(row.Assignment.Id), subUnits[row.Assignment.UnitId].ToList());
        }).ToList();
    }
}
