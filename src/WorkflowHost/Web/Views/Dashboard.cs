using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>The working group's dashboard (专班看板): counts, what needs a decision, and the ranking (晾晒).</summary>
public sealed record Dashboard(
    IReadOnlyList<AssignmentSummary> Assignments,
    IReadOnlyList<(string Title, int Count)> ByState,
    IReadOnlyDictionary<TrafficLight, int> ByLight,
    IReadOnlyList<AssignmentSummary> Overdue,
    IReadOnlyList<AssignmentSummary> AwaitingReview,
    IReadOnlyList<EscalationAwaiting> EscalationsAwaiting,
    IReadOnlyList<UnitStanding> Ranking);

public sealed record EscalationAwaiting(long Id, string Step, DateTimeOffset RaisedAt, AssignmentSummary Assignment);

/// <summary>One unit's line in the ranking. <see cref="OnTimeRate"/> is the share of its assignments whose due date
/// has come that were closed by it; null while none has come.</summary>
public sealed record UnitStanding(long UnitId, string UnitName, int Assignments, int Closed, int Overdue, int Escalations, double? OnTimeRate);

public sealed class DashboardQueries(AssignmentQueries assignments, IDbContextFactory<WorkflowDbContext> contexts)
{
    public async Task<Dashboard> GetAsync(AssignmentFilter filter, CancellationToken cancel = default)
    {
        var all = await assignments.ListAsync(filter, cancel);
        var today = assignments.Today;
        var byId = all.ToDictionary(a => a.Id);

        await using var db = await contexts.CreateDbContextAsync(cancel);
        var awaiting = (await db.Escalations.AsNoTracking().Where(e => e.Status == "awaiting-approval").OrderBy(e => e.RaisedAt).ToListAsync(cancel))
            .Where(e => byId.ContainsKey(e.AssignmentId))
            .Select(e => new EscalationAwaiting(e.Id, e.Step, UnixTime.ToChinaTime(e.RaisedAt), byId[e.AssignmentId]))
            .ToList();

        var ranking = all.GroupBy(a => (a.UnitId, a.UnitName)).Select(g =>
        {
            var due = g.Count(a => a.Closed || (a.DueDate is { } d && d < today));
            var onTime = g.Count(a => a.ClosedOnTime && a.DueDate is not null);
            return new UnitStanding(g.Key.UnitId, g.Key.UnitName, g.Count(), g.Count(a => a.Closed), g.Count(a => a.Overdue),
                g.Sum(a => a.IssuedEscalations), due == 0 ? null : (double)onTime / due);
        })
            .OrderByDescending(s => s.OnTimeRate ?? 1).ThenBy(s => s.Overdue).ThenBy(s => s.Escalations).ThenBy(s => s.UnitId)
            .ToList();

        return new Dashboard(
            all,
            all.GroupBy(a => a.StateTitle).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList(),
            Enum.GetValues<TrafficLight>().ToDictionary(l => l, l => all.Count(a => a.Light == l)),
            all.Where(a => a.Overdue).OrderBy(a => a.DueDate).ThenBy(a => a.TaskNo).ToList(),
            all.Where(a => a.State is "completion-applied" or "extension-requested").OrderBy(a => a.TaskNo).ToList(),
            awaiting,
            ranking);
    }

    public async Task<List<string>> ActionsAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return (await db.PlanTasks.AsNoTracking().Where(t => t.Action != null).Select(t => t.Action!).Distinct().ToListAsync(cancel)).Order().ToList();
    }

    public async Task<List<UnitRow>> UnitsAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Units.AsNoTracking().Where(u => db.Assignments.Any(a => a.UnitId == u.Id)).OrderBy(u => u.Id).ToListAsync(cancel);
    }
}
