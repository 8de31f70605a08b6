using System.Globalization;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Briefings;

/// <summary>
/// The engine-wide timer chain of the monthly briefing: month M's briefing is assembled at 09:00 on the
/// <see cref="EngineOptions.BriefingDay"/>th of month M+1 (the next working day when that is a holiday), once the
/// month's reports and 催报 are in. The chain runs to the end of the calendar's last year.
/// </summary>
public sealed class BriefingSchedule(WorkingCalendar calendar, EngineOptions options)
{
    public const string Chain = "briefing";
    public const string Kind = "Briefing";

    public static string TimerName(string month) => $"briefing:{month}";

    /// <summary>The first briefing timer for a plan started at <paramref name="now"/>: the current month's.</summary>
    public TimerRow? First(DateTimeOffset now) => For(ChinaTime.DateOf(now).ToString("yyyy-MM", CultureInfo.InvariantCulture));

    public TimerRow? After(string month) => For(PeriodMonths.DaysOf(month).First.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture));

    private TimerRow? For(string month)
    {
        var (first, _) = PeriodMonths.DaysOf(month);
        var nominal = first.AddMonths(1).AddDays(options.BriefingDay - 1);
        if (nominal.Year > calendar.Years.Max()) return null;
        var day = calendar.IsWorkday(nominal) ? nominal : calendar.AddWorkdays(nominal, 1);
        return new TimerRow
        {
            AssignmentId = null,
            Name = TimerName(month),
            Kind = Kind,
            Chain = Chain,
            Period = month,
            DueAt = UnixTime.Of(ChinaTime.At(day, new TimeOnly(9, 0))),
            Status = TimerStatus.Pending,
        };
    }
}
