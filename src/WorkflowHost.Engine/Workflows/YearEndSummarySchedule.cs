using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Engine.Workflows;

/// <summary>When the year-end summary report (年度总结) of an ongoing assignment is due.</summary>
public static class YearEndSummarySchedule
{
    /// <summary>
    /// The summary step for <paramref name="year"/>, named <c>year-end-summary:{year}</c>: on the definition's month and
    /// day (clamped to the month's length), or the working day before when that is a day off, at its time of day.
    /// Null when the definition has no year-end summary.
    /// </summary>
    public static ScheduledStep? Compute(WorkflowDefinition def, int year, WorkingCalendar calendar)
    {
        if (def.YearEndSummary is not { } rule)
            return null;
        var nominal = new DateOnly(year, rule.Month, Math.Min(rule.Day, DateTime.DaysInMonth(year, rule.Month)));
        var dueDate = calendar.OnOrBeforeWorkday(nominal);
        return new ScheduledStep($"year-end-summary:{year}", StepKind.YearEndSummary, ChinaTime.At(dueDate, rule.At), null);
    }
}
