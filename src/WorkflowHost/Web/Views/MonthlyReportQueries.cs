using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>One task on a unit's monthly report page: the unit's own share, the period it reports for now (each task
/// by its own cadence: 2024-03, or 2024-Q1), and whether it may report now and why not.</summary>
public sealed record MonthlyReportTask(long AssignmentId, int TaskNo, string TaskContent, string Role, string Period, string StateTitle,
    DateOnly? DueDate, int MissedReports, string? NotNow, bool SignOff)
{
    /// <summary>A report of it would be accepted now (not closed, no extension request waiting, no draft with the leader).</summary>
    public bool Open => NotNow is null;
}

/// <summary>一次报送本期进展: which of a unit's tasks are due a report this period — its own shares not yet reported
/// for their current period — read with the same rules the report command applies, so the page offers only what it
/// will accept and names the rest.</summary>
public sealed class MonthlyReportQueries(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime)
{
    public async Task<List<MonthlyReportTask>> DueAsync(long unitId, CancellationToken cancel)
    {
        var today = ChinaTime.DateOf(runtime.Clock.GetUtcNow());
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var rows = await (
            from a in db.Assignments.AsNoTracking()
            join t in db.PlanTasks.AsNoTracking() on a.TaskId equals t.Id
            where a.UnitId == unitId && a.State != null
            orderby t.No, a.Id
            select new { a, t.No, t.Content, t.ReportingCadence }).ToListAsync(cancel);
        var ids = rows.Select(r => r.a.Id).ToList();
        var reported = (await db.Reports.AsNoTracking().Where(r => ids.Contains(r.AssignmentId)).Select(r => new { r.AssignmentId, r.Period }).ToListAsync(cancel))
            .Select(r => (r.AssignmentId, r.Period)).ToHashSet();
        var withLeader = (await db.SignOffs.AsNoTracking()
            .Where(s => s.UnitId == unitId && s.Status == SignOffStatus.Pending && ids.Contains(s.AssignmentId)).Select(s => s.AssignmentId).ToListAsync(cancel)).ToHashSet();
        var due = new List<MonthlyReportTask>();
        foreach (var r in rows)
        {
            var definition = runtime.DefinitionOf(r.a);
            // Closed: no report is due at all, so it is not listed.
            if (TimerRules.ReportingStopped(definition, r.a.State!)) continue;
            var period = CadencePeriod.Containing(CadenceNames.FromWireName(r.ReportingCadence) ?? Cadence.Monthly, today).Key;
            if (reported.Contains((r.a.Id, period))) continue;
            var state = definition.State(r.a.State!);
            var notNow = TimerRules.AwaitsExtensionDecision(definition, r.a.State!) ? "延期申请审批期间暂不报送,专班作出决定后再报送"
                : withLeader.Contains(r.a.Id) ? "本任务已有一份草稿待单位负责人签发"
                : null;
            due.Add(new MonthlyReportTask(r.a.Id, r.No, r.Content, r.a.Role, period, state.Title, r.a.DueDate, r.a.MissedReports, notNow, definition.SignOff));
        }
        return due;
    }
}
