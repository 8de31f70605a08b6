using WorkflowHost.Infrastructure.Clock;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// Moves a virtual clock to a later instant so that every timer in between fires in order, once, at its own time:
/// the clock steps from one due instant to the next, so journal times and the timers each firing plans are the same
/// as if the time had passed.
/// </summary>
public sealed class ClockAdvancer(TimeProvider clock, TimerProcessor processor)
{
    public async Task<int> AdvanceToAsync(DateTimeOffset target, CancellationToken cancel = default)
    {
        if (clock is not IAdjustableClock adjustable)
            throw new InvalidOperationException("the engine runs on the real clock; only a virtual clock can be advanced (WorkflowHost:Clock:Mode)");
        if (target < clock.GetUtcNow())
            throw new ArgumentOutOfRangeException(nameof(target), target, $"the virtual clock is already at {clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}; it does not go back");

        var fired = await processor.RunDueAsync(cancel);
        while (await processor.NextDueAsync(cancel) is { } next && next <= target)
        {
            if (next > clock.GetUtcNow()) adjustable.MoveTo(next);
            fired += await processor.RunDueAsync(cancel);
        }
        if (target > clock.GetUtcNow()) adjustable.MoveTo(target);
        return fired + await processor.RunDueAsync(cancel);
    }
}
