using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>Which working day's digest is due at a given instant: the latest working day whose digest time has passed.
/// After downtime only that day's digest is written (one email with everything, not a backlog of days).</summary>
public static class DigestDay
{
    public static DateOnly? At(DateTimeOffset now, TimeOnly digestAt, WorkingCalendar calendar)
    {
        var day = ChinaTime.DateOf(now);
        if (now < ChinaTime.At(day, digestAt)) day = day.AddDays(-1);
        // The longest run of days off in a statutory calendar is under two weeks.
        for (var i = 0; i < 21; i++, day = day.AddDays(-1))
            if (IsDigestDay(calendar, day)) return day;
        return null;
    }

    /// <summary>Whether digests go out on <paramref name="day"/>: a working day, or beyond the years the statutory
    /// calendar covers, a plain weekday (a digest is better late than never).</summary>
    public static bool IsDigestDay(WorkingCalendar calendar, DateOnly day) => calendar.IsWorkdayOrWeekday(day);
}
