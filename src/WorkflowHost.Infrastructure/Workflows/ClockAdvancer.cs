using WorkflowHost.Infrastructure.Clock;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// Moves a virtual clock to a later instant so that every timer in between fires in order, once, at its own time:
/// the clock steps from one due instant to the next, so journal times and the timers each firing plans are the same
/// as if the time had passed.
/// </summary>
public sealed class ClockAdvancer(IAdjustableClock clock, TimerProcessor processor)
{
    public async Task<int> AdvanceToAsync(DateTimeOffset target, CancellationToken cancel = default)
    {
        var fired = await processor.RunDueAsync(cancel);
        while (await processor.NextDueAsync(cancel) is { } next && next <= target)
        {
            if (next > clock.GetUtcNow()) clock.MoveTo(next);
            fired += await processor.RunDueAsync(cancel);
        }
        if (target > clock.GetUtcNow()) clock.MoveTo(target);
        return fired + await processor.RunDueAsync(cancel);
    }
}
