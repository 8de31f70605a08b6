using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Calendar;

/// <summary>
/// A unit's deadlines and report dates as iCalendar: one all-day event per open assignment's due date, and one per
/// report date (all the unit's assignments due a report that day, in one event, so a phone is not flooded).
/// </summary>
public sealed class UnitCalendarFeed(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime, WorkingCalendar workingCalendar)
{
    public async Task<string?> BuildAsync(long unitId, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancel);
        if (unit is null) return null;
        var rows = await (
            from a in db.Assignments.AsNoTracking()
            join t in db.PlanTasks.AsNoTracking() on a.TaskId equals t.Id
            join p in db.Plans.AsNoTracking() on t.PlanId equals p.Id
            where a.UnitId == unitId && a.State != null
            orderby t.No
            select new { a, t, p.Year }).ToListAsync(cancel);

        var calendar = new Ical.Net.Calendar { ProductId = "-//WorkflowHost//督办引擎//ZH" };
        calendar.AddProperty("X-WR-CALNAME", $"{unit.Name} 督办任务");
        var today = ChinaTime.DateOf(runtime.Clock.GetUtcNow());
        var reportDays = new SortedDictionary<DateOnly, List<int>>();
        foreach (var r in rows)
        {
            var definition = runtime.DefinitionOf(r.a);
            if (definition.State(r.a.State!).Final) continue;
            if (r.a.DueDate is { } due)
            {
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"deadline-{r.a.Id}@workflowhost",
                    Summary = $"【到期】任务{r.t.No}:{Short(r.t.Content)}",
                    Description = $"{r.t.Content}\n完成时限:{r.t.DeadlineText}",
                    DtStart = new CalDateTime(due),
                    DtEnd = new CalDateTime(due.AddDays(1)),
                });
            }
            var cadence = CadenceNames.FromWireName(r.t.ReportingCadence) ?? Cadence.Monthly;
            var last = r.a.DueDate ?? new DateOnly(r.Year, 12, 31);
            var from = today > new DateOnly(r.Year, 1, 1) ? today : new DateOnly(r.Year, 1, 1);
            if (last < from) continue;
            foreach (var period in ReportingSchedule.Compute(definition, cadence, from, last, workingCalendar))
            {
                if (!reportDays.TryGetValue(period.DueDate, out var tasks)) reportDays[period.DueDate] = tasks = [];
                if (!tasks.Contains(r.t.No)) tasks.Add(r.t.No);
            }
        }
        foreach (var (day, tasks) in reportDays)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"report-{unitId}-{day:yyyyMMdd}@workflowhost",
                Summary = $"【报送】{tasks.Count} 项任务进展报送",
                Description = "报送任务:" + string.Join("、", tasks.Select(n => $"任务{n}")),
                DtStart = new CalDateTime(day),
                DtEnd = new CalDateTime(day.AddDays(1)),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }

    private static string Short(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
