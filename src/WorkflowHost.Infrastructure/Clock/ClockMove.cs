using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Clock;

/// <summary>
/// The one rule for moving the virtual clock by hand, on the command line, the API and the page alike: only forward,
/// at most <see cref="MaxDays"/> days at a time (a mistyped year must not fire a century of timers), and never past
/// the last year the statutory calendar covers (beyond it no working day can be counted, so every deadline timer
/// would only become an incident). <see cref="MoveToAsync"/> is the one use case: check, fire every timer in between,
/// save the new time so a restart continues from it.
/// </summary>
public sealed class ClockMove(TimeProvider clock, ClockAdvancer advancer, WorkingCalendar calendar, IDbContextFactory<WorkflowDbContext> contexts)
{
    public const int MaxDays = 3 * 366;

    // One move at a time in this process: two would interleave their steps through the timers.
    private readonly SemaphoreSlim _moving = new(1, 1);

    /// <summary>Moves the virtual clock to <paramref name="target"/>; how many timers fired, or why it was refused.</summary>
    public async Task<(int Fired, string? Refusal)> MoveToAsync(DateTimeOffset target, CancellationToken cancel)
    {
        if (clock is not VirtualClock virtualClock) return (0, "时钟为真实时间(WorkflowHost:Clock:Mode 为 Real),不能调整");
        await _moving.WaitAsync(cancel);
        try
        {
            if (Refusal(virtualClock.GetUtcNow(), target, calendar) is { } refusal) return (0, refusal);
            var fired = await advancer.AdvanceToAsync(target, cancel);
            await using var db = await contexts.CreateDbContextAsync(cancel);
            await ClockStore.SaveAsync(db, virtualClock, TimeProvider.System, cancel);
            return (fired, null);
        }
        finally
        {
            _moving.Release();
        }
    }

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
