using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Workflows;

/// <summary>When each periodic progress report (报送) is due, reminded and missed.</summary>
public static class ReportingSchedule
{
    /// <summary>
    /// Every period of <paramref name="cadence"/> whose due date (after moving it to a working day) lies in
    /// [<paramref name="from"/>, <paramref name="to"/>], in order. A period's report is due on the definition's
    /// <c>dueDay</c> of the period's last month, clamped to that month's length (31 means 2/29 in February 2024), or the
    /// working day before when that is a day off; the reminder goes out <c>reminderWorkdaysBefore</c> working days earlier
    /// and the report is missed on the next working day, all at the reporting time of day.
    /// </summary>
    /// <exception cref="CalendarYearMissingException">A due date in the range needs a year without a statutory calendar.</exception>
    public static IReadOnlyList<ReportPeriod> Compute(WorkflowDefinition def, Cadence cadence, DateOnly from, DateOnly to, WorkingCalendar calendar)
    {
        var rules = def.Reporting;
        var periods = new List<ReportPeriod>();
        for (var period = CadencePeriod.Containing(cadence, from); ; period = period.Next())
        {
            var nominal = NominalDueDate(period, rules.DueDay);
            // Moving to a working day only goes back, so a period due (nominally) before the range cannot be in it.
            if (nominal < from)
                continue;
            // A period due after the range could still move back into it, but not if its year has no calendar:
            // then its due date is unknowable and, for any due day after New Year's Day, after the range anyway.
            if (nominal > to && !calendar.Years.Contains(nominal.Year))
                break;
            var dueDate = calendar.OnOrBeforeWorkday(nominal);
            if (dueDate > to)
                break;
            if (dueDate >= from)
                periods.Add(Period(period, dueDate, rules, calendar));
        }
        return periods.AsReadOnly();
    }

    private static DateOnly NominalDueDate(CadencePeriod period, int dueDay)
    {
        var month = period.LastMonth;
        return new DateOnly(month.Year, month.Month, Math.Min(dueDay, DateTime.DaysInMonth(month.Year, month.Month)));
    }

    private static ReportPeriod Period(CadencePeriod period, DateOnly dueDate, ReportingRules rules, WorkingCalendar calendar)
    {
        // The due date is a working day, so "0 working days before" is the due date itself.
        var reminderDay = rules.ReminderWorkdaysBefore == 0 ? dueDate : calendar.AddWorkdays(dueDate, -rules.ReminderWorkdaysBefore);
        var missedDay = calendar.AddWorkdays(dueDate, 1);
        return new ReportPeriod(
            period.Key,
            period.Start,
            period.End,
            dueDate,
            ChinaTime.At(reminderDay, rules.At),
            ChinaTime.At(dueDate, rules.At),
            ChinaTime.At(missedDay, rules.At));
    }
}
