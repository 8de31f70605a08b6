using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Mail;

namespace WorkflowHost.Infrastructure.Simulation;

/// <summary>Work besides timers and people that a simulation must run as the virtual time passes (the mail jobs):
/// it may ask to be woken at instants of its own, and runs after the engine at every instant the simulation stops.</summary>
public interface ISimulationHook
{
    /// <summary>The next instant after <paramref name="now"/> at which the hook has work, if any.</summary>
    DateTimeOffset? NextWake(DateTimeOffset now);

    Task RunAsync(DateTimeOffset now, CancellationToken cancel);
}

/// <summary>The host's two mail jobs in a simulation: the daily digests at their hour on working days, and the
/// dispatcher sending whatever is due.</summary>
public sealed class MailSimulationHook(DailyDigestComposer digests, OutboxDispatcher dispatcher, MailOptions options, WorkingCalendar calendar) : ISimulationHook
{
    public int Sent { get; private set; }

    public DateTimeOffset? NextWake(DateTimeOffset now)
    {
        var day = ChinaTime.DateOf(now);
        for (var i = 0; i < 30; i++, day = day.AddDays(1))
        {
            var at = ChinaTime.At(day, options.DigestAt);
            if (at > now && DigestDay.IsDigestDay(calendar, day)) return at;
        }
        return null;
    }

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancel)
    {
        await digests.RunAsync(now, cancel);
        // No rate limit in a simulation: a simulated day's mail all leaves that day.
        Sent += (await dispatcher.RunAsync(now, limit: 0, cancel)).Sent;
    }
}
