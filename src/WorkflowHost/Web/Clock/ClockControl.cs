using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Clock;

/// <summary>What the banner shows about the clock, and the administrator's way to move a virtual one forward (every
/// timer in between fires, in order, and the new time is saved so a restart continues from it).</summary>
public sealed class ClockControl(TimeProvider clock, ClockAdvancer advancer, WorkingCalendar calendar, IDbContextFactory<WorkflowDbContext> contexts)
{
    private readonly SemaphoreSlim _advancing = new(1, 1);

    public VirtualClock? Virtual => clock as VirtualClock;
    public bool IsVirtual => Virtual is not null;
    public DateTimeOffset Now => clock.GetUtcNow().ToOffset(ChinaTime.Zone.BaseUtcOffset);
    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>Moves the virtual clock to <paramref name="target"/>; returns how many timers fired, or a refusal.</summary>
    public async Task<(int Fired, string? Refusal)> AdvanceToAsync(DateTimeOffset target, CancellationToken cancel)
    {
        if (Virtual is not { } virtualClock) return (0, "时钟为真实时间,不能调整");
        await _advancing.WaitAsync(cancel);
        try
        {
            if (ClockMove.Refusal(virtualClock.GetUtcNow(), target, calendar) is { } refusal) return (0, refusal);
            var fired = await advancer.AdvanceToAsync(target, cancel);
            await using var db = await contexts.CreateDbContextAsync(cancel);
            await ClockStore.SaveAsync(db, virtualClock, TimeProvider.System, cancel);
            return (fired, null);
        }
        finally
        {
            _advancing.Release();
        }
    }
}
