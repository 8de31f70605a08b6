using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>
/// Which date a unit may ask to be extended to: after its present due date, within
/// <see cref="EngineOptions.ExtensionHorizonYears"/> years after the plan's year, and in a year the statutory calendar
/// covers, so that approving it can always plan the new reminders and escalations (a date the calendar cannot count
/// to would make the approval fail).
/// </summary>
public static class ExtensionDate
{
    public static string? Refusal(DateOnly requested, DateOnly? currentDue, int planYear, int horizonYears, WorkingCalendar calendar)
    {
        if (currentDue is { } due && requested <= due)
            return $"延期后的日期须晚于现时限 {due:yyyy-MM-dd}";
        var latest = new DateOnly(planYear + horizonYears, 12, 31);
        if (requested > latest)
            return $"延期后的日期不能晚于 {latest:yyyy-MM-dd}({planYear} 年度计划最多延至其后 {horizonYears} 年年底),现为 {requested:yyyy-MM-dd}";
        if (!calendar.Years.Contains(requested.Year))
            return $"法定工作日历尚未载入 {requested.Year} 年,不能延期至 {requested:yyyy-MM-dd}";
        return null;
    }
}
