using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Infrastructure.Clock;

/// <summary>
/// The one rule for moving the virtual clock by hand, on the command line, the API and the page alike: only forward,
/// at most <see cref="MaxDays"/> days at a time (a mistyped year must not fire a century of timers), and never past
/// the last year the statutory calendar covers (beyond it no working day can be counted, so every deadline timer
/// would only become an incident).
/// </summary>
public static class ClockMove
{
    public const int MaxDays = 3 * 366;

    /// <summary>The target <paramref name="days"/> after <paramref name="now"/>, or why that is refused.</summary>
    public static (DateTimeOffset? Target, string? Refusal) ByDays(DateTimeOffset now, int days) =>
        days is < 1 or > MaxDays
            ? (null, $"天数应为 1 至 {MaxDays} 之间的整数,现为 {days}")
            : (now.AddDays(days), null);

    /// <summary>Why moving from <paramref name="now"/> to <paramref name="target"/> is refused, or null.</summary>
    public static string? Refusal(DateTimeOffset now, DateTimeOffset target, WorkingCalendar calendar)
    {
        if (target <= now) return $"时钟只能向后调整:当前虚拟时间为 {Show(now)},不能调到 {Show(target)}";
        if (target - now > TimeSpan.FromDays(MaxDays)) return $"一次最多前进 {MaxDays} 天(三年):当前为 {Show(now)},不能直接调到 {Show(target)}";
        var lastYear = calendar.Years[^1];
        if (ChinaTime.DateOf(target).Year > lastYear)
            return $"法定工作日历只载入到 {lastYear} 年,时钟不能调到 {Show(target)};请先在日历文件夹中加入 {lastYear + 1} 年的放假安排";
        return null;
    }

    private static string Show(DateTimeOffset instant) => instant.ToOffset(ChinaTime.Zone.BaseUtcOffset).ToString("yyyy-MM-dd HH:mm");
}
