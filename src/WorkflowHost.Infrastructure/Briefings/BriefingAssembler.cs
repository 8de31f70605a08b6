using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Briefings;

/// <summary>
/// Assembles month M's briefing from what the database holds: the reports for periods that end in M (grouped by
/// action and task, figures summed), the 催报 of those periods, the escalations raised in M, and the plan's totals.
/// </summary>
public static class BriefingAssembler
{
    public const string OtherWork = "其他重点工作";
    private const int ExcerptsPerTask = 3;
    private const int ExcerptLength = 120;

    public static async Task<Briefing> AssembleAsync(WorkflowDbContext db, string month, DateTimeOffset now, CancellationToken cancel = default)
    {
        var (firstDay, lastDay) = PeriodMonths.DaysOf(month);
        var monthStart = UnixTime.Of(ChinaTime.At(firstDay, TimeOnly.MinValue));
        var monthEnd = UnixTime.Of(ChinaTime.At(lastDay.AddDays(1), TimeOnly.MinValue));

        var assignments = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            select new { a.Id, a.State, a.PastDue, a.ClosedAt, t.No, t.Content, t.Action, Unit = u.Name }).AsNoTracking().ToListAsync(cancel);
        var byId = assignments.ToDictionary(a => a.Id);

        // Periods are few and their keys short: filter by month in memory rather than teaching SQL the key format.
        var reports = (await db.Reports.AsNoTracking().Select(r => new { r.AssignmentId, r.Period, r.Text, r.Figures, r.SubmittedAt }).ToListAsync(cancel))
            .Where(r => PeriodMonths.LastMonthOf(r.Period) == month).OrderBy(r => r.SubmittedAt).ToList();
        var reportDues = (await db.Timers.AsNoTracking()
                .Where(t => t.AssignmentId != null && t.Kind == nameof(Engine.Workflows.StepKind.ReportDue) && t.Status != TimerStatus.Cancelled && t.Status != TimerStatus.Pending)
                .Select(t => new { t.AssignmentId, t.Period }).ToListAsync(cancel))
            .Where(t => PeriodMonths.LastMonthOf(t.Period!) == month).ToList();
        var missed = (await (
                from j in db.Journal
                join t in db.Timers on j.TimerId equals t.Id
                where j.Event == EngineEvents.ReportMissed
                select new { j.AssignmentId, t.Period }).AsNoTracking().ToListAsync(cancel))
            .Where(m => PeriodMonths.LastMonthOf(m.Period!) == month).ToList();
        var escalations = await db.Escalations.AsNoTracking()
            .Where(e => e.RaisedAt >= monthStart && e.RaisedAt < monthEnd).OrderBy(e => e.RaisedAt).ToListAsync(cancel);

        var sections = reports
            .GroupBy(r => byId[r.AssignmentId].Action ?? OtherWork)
            .OrderBy(g => g.Key == OtherWork).ThenBy(g => g.Min(r => byId[r.AssignmentId].No))
            .Select(action => new BriefingSection(
                action.Key,
                action.GroupBy(r => byId[r.AssignmentId].No).OrderBy(g => g.Key).Select(task => new BriefingTaskLine(
                    task.Key,
                    byId[task.First().AssignmentId].Content,
                    task.Count(),
                    task.Take(ExcerptsPerTask).Select(r => new BriefingExcerpt(byId[r.AssignmentId].Unit, Shorten(r.Text))).ToList())).ToList(),
                SumFigures(action.Select(r => r.Figures))))
            .ToList();

        var totals = new BriefingTotals(
            Assignments: assignments.Count,
            Closed: assignments.Count(a => a.ClosedAt is not null),
            ClosedThisMonth: assignments.Count(a => a.ClosedAt >= monthStart && a.ClosedAt < monthEnd),
            Overdue: assignments.Count(a => a.PastDue && a.ClosedAt is null),
            ReportsDue: reportDues.Select(r => (r.AssignmentId, r.Period)).Distinct().Count(),
            ReportsReceived: reports.Select(r => (r.AssignmentId, r.Period)).Distinct().Count());

        return new Briefing(
            month,
            $"安全生产治本攻坚三年行动{firstDay.Year}年{firstDay.Month}月份工作简况",
            now,
            totals,
            sections,
            missed.Select(m => byId[m.AssignmentId!.Value]).OrderBy(a => a.No).ThenBy(a => a.Unit, StringComparer.Ordinal)
                .Select(a => new BriefingLapse(a.No, a.Unit)).ToList(),
            escalations.Select(e => new BriefingEscalation(byId[e.AssignmentId].No, byId[e.AssignmentId].Unit, e.Step, e.Status)).ToList());
    }

    /// <summary>Totals per figure name over reports' figures (JSON). Decimal sums are checked: a sum that cannot be held
    /// throws, which the engine sets aside as an incident; within <see cref="Input.InputLimits"/> it cannot happen.</summary>
    public static IReadOnlyDictionary<string, decimal> SumFigures(IEnumerable<string?> figures)
    {
        var sums = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var json in figures)
        {
            if (json is null) continue;
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? [])
                sums[name] = sums.GetValueOrDefault(name) + value;
        }
        return sums;
    }

    private static string Shorten(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "……";
}
