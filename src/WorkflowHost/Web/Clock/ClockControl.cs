using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Clock;

namespace WorkflowHost.Web.Clock;

/// <summary>What the banner shows about the clock, and the administrator's way to move a virtual one forward (the
/// one use case, <see cref="ClockMove"/>, as the command line has it).</summary>
public sealed class ClockControl(TimeProvider clock, ClockMove move)
{
    public VirtualClock? Virtual => clock as VirtualClock;
    public bool IsVirtual => Virtual is not null;
    public DateTimeOffset Now => clock.GetUtcNow().ToOffset(ChinaTime.Zone.BaseUtcOffset);
    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>Moves the virtual clock to <paramref name="target"/>; returns how many timers fired, or a refusal.</summary>
    public Task<(int Fired, string? Refusal)> AdvanceToAsync(DateTimeOffset target, CancellationToken cancel) => move.MoveToAsync(target, cancel);
}
