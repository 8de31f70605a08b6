using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.DataSets;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// What a lead department and a 市州 open every day, on the tree-shaped data set after the storm: the task page of a
/// parent share (the share itself, its shares below with their lights and latest reports, the unit's draft waiting
/// for 签发 — what <c>Assignments/Detail</c> reads) and the 待确认 queue of <c>/unit</c>. A third of the shares below
/// the measured lead and 市州 are first put in completion review, so the queue has something to find.
/// </summary>
public static class TreeMeasure
{
    public static async Task<IReadOnlyList<DashboardMeasure.Timing>> RunAsync(IServiceProvider services, StormShape storm, int rounds, CancellationToken cancel)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var queries = new AssignmentQueries(contexts, runtime);
        var signOffs = new SignOffDesk(contexts, runtime, services.GetRequiredService<IMediator>());

        long lead, leadUnit, city, cityUnit;
        await using (var db = await contexts.CreateDbContextAsync(cancel))
        {
            var task = storm.TaskIds[0];
            (lead, leadUnit) = await ShareAsync(db, task, AssignmentRole.Lead, cancel);
            (city, cityUnit) = await ShareAsync(db, task, AssignmentRole.Region, cancel);
            await AwaitDecisionAsync(db, runtime, leadUnit, cancel);
            await AwaitDecisionAsync(db, runtime, cityUnit, cancel);
        }

        async Task<string> PageAsync(long id, long unit)
        {
            var detail = (await queries.GetAsync(id, cancel))!;
            var tree = await queries.TreeAsync(detail.Summary, cancel);
            await signOffs.WaitingOnAsync(id, unit, cancel);
            return $"{tree.Children.Count} shares below, {tree.Children.Count(c => c.Share.StateRole.AwaitsDecision())} waiting, light {detail.Summary.ShownLight}";
        }

        return
        [
            await DashboardMeasure.TimeAsync("task page of a lead department (its co-units below)", rounds, () => PageAsync(lead, leadUnit), a => a),
            await DashboardMeasure.TimeAsync("task page of a 市州 (its 县区 below)", rounds, () => PageAsync(city, cityUnit), a => a),
            await DashboardMeasure.TimeAsync("待确认 of a lead department", rounds, () => queries.AwaitingUnitAsync(leadUnit, cancel), q => $"{q.Count} waiting"),
            await DashboardMeasure.TimeAsync("待确认 of a 市州", rounds, () => queries.AwaitingUnitAsync(cityUnit, cancel), q => $"{q.Count} waiting"),
        ];
    }

    private static async Task<(long Id, long Unit)> ShareAsync(WorkflowDbContext db, long taskId, AssignmentRole role, CancellationToken cancel)
    {
        var wire = role.ToWireName();
        var share = await db.Assignments.AsNoTracking().Where(a => a.TaskId == taskId && a.Role == wire && db.Assignments.Any(c => c.ParentId == a.Id))
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.UnitId }).FirstAsync(cancel);
        return (share.Id, share.UnitId);
    }

    /// <summary>Every third share below the unit's own, over all its dated tasks, applies for completion (a 长期坚持
    /// task has no completion).</summary>
    private static async Task AwaitDecisionAsync(WorkflowDbContext db, WorkflowRuntime runtime, long unitId, CancellationToken cancel)
    {
        var below = await db.Assignments.Where(c => db.Assignments.Any(p => p.Id == c.ParentId && p.UnitId == unitId)).OrderBy(c => c.Id).ToListAsync(cancel);
        var dated = below.Select(c => (Row: c, Review: runtime.DefinitionOf(c).StateWith(StateRole.CompletionReview))).Where(c => c.Review is not null);
        foreach (var child in dated.Where((_, i) => i % 3 == 0))
            child.Row.State = child.Review!.Name;
        await db.SaveChangesAsync(cancel);
    }
}
