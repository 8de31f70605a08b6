using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Scheduling;

/// <summary>
/// Quartz's only job for the engine: fire what is due, then ask to be woken when the next timer is due. The timers
/// themselves stay rows in our table (one Quartz trigger per timer does not scale). Each node runs it on a Quartz
/// scheduler of its own (see the host's NodeEngineWake), so in a cluster every node works due timers at once and the
/// database's row claiming (<c>FOR UPDATE SKIP LOCKED</c>) keeps them apart; DisallowConcurrentExecution means one
/// batch loop per node.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EngineWakeJob(TimerProcessor processor, BoardCounts boardCounts, UnitTallies unitTallies, IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock,
    ILogger<EngineWakeJob> log) : IJob
{
    public static readonly JobKey Key = new("engine-wake", "workflowhost");
    public static readonly TriggerKey PollTrigger = new("engine-poll", "workflowhost");
    public static readonly TriggerKey NextDueTrigger = new("engine-next-due", "workflowhost");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var handled = await processor.RunDueAsync(cancellationToken);
            // Per node: in a cluster this line is how an operator (and the cluster test) sees which node did what.
            if (handled > 0) log.LogInformation("engine: {Count} due timers handled on this node", handled);
            await FoldKeptCountsAsync(cancellationToken);
        }
        finally
        {
            // Saved with what committed, even when a run fails (the database unreachable): a restart then resumes from
            // the journal's time, not from where the clock was last saved.
            if (clock is VirtualClock virtualClock)
            {
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                await ClockStore.SaveAsync(db, virtualClock, TimeProvider.System, CancellationToken.None);
            }
        }
        if (await processor.NextDueAsync(cancellationToken) is { } next && RealTimeOf(next) is { } wakeAt)
            await WakeAtAsync(context.Scheduler, wakeAt, cancellationToken);
    }

    /// <summary>Folds the board's count changes (<see cref="BoardCounts.FoldAsync"/>) and the units' tally changes
    /// (<see cref="UnitTallies.FoldAsync"/>, which also moves their kept day to today) after the engine's run, on this
    /// job's own thread rather than on a job of its own: the engine is what writes most of them, and no further writer
    /// then competes for SQLite's one write lock. The board is exact without it; a failed fold waits for the next run.</summary>
    private async Task FoldKeptCountsAsync(CancellationToken cancel)
    {
        try
        {
            await boardCounts.FoldAsync(cancel);
            await unitTallies.FoldAsync(ChinaTime.Today(clock), cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "kept counts: a fold failed; the next engine run folds again");
        }
    }

    /// <summary>When, on the real clock, the engine's clock reaches <paramref name="instant"/>; null if never (a
    /// stopped virtual clock).</summary>
    private DateTimeOffset? RealTimeOf(DateTimeOffset instant)
    {
        var ahead = instant - clock.GetUtcNow();
        var speed = clock is VirtualClock v ? v.Speed : 1;
        if (speed <= 0) return null;
        var wait = ahead <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)(ahead.Ticks / speed));
        return TimeProvider.System.GetUtcNow() + wait;
    }

    private static async Task WakeAtAsync(IScheduler scheduler, DateTimeOffset wakeAt, CancellationToken cancel)
    {
        var trigger = TriggerBuilder.Create(TimeProvider.System).WithIdentity(NextDueTrigger).ForJob(Key).StartAt(wakeAt).Build();
        if (await scheduler.RescheduleJob(NextDueTrigger, trigger, cancel) is null)
            await scheduler.ScheduleJob(trigger, default, cancel);
    }
}
