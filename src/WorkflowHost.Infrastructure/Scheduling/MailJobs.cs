using Microsoft.Extensions.Logging;
using Quartz;
using WorkflowHost.Infrastructure.Mail;

namespace WorkflowHost.Infrastructure.Scheduling;

/// <summary>
/// Writes the daily digests once their time has come on the engine's clock. Quartz runs it every few seconds rather
/// than on a 09:00 cron because the engine's clock may be virtual and faster than Quartz's; the digest keys make
/// running it often harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DailyDigestJob(DailyDigestComposer composer, ILogger<DailyDigestJob> log) : IJob
{
    public static readonly JobKey Key = new("mail-digest", "workflowhost");
    public static readonly TriggerKey Trigger = new("mail-digest-poll", "workflowhost");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var written = await composer.RunAsync(cancellationToken);
        if (written > 0) log.LogInformation("{Count} daily digests queued", written);
    }
}

/// <summary>Sends what is due in the outbox. On its own job so a slow mail server never delays the engine's timers.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, ILogger<OutboxDispatchJob> log) : IJob
{
    public static readonly JobKey Key = new("mail-dispatch", "workflowhost");
    public static readonly TriggerKey Trigger = new("mail-dispatch-poll", "workflowhost");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var outcome = await dispatcher.RunAsync(cancellationToken);
        if (outcome.Sent + outcome.Retrying + outcome.Failed > 0)
            log.LogInformation("outbox: {Sent} sent, {Retrying} to retry, {Failed} failed{More}", outcome.Sent, outcome.Retrying, outcome.Failed,
                outcome.LimitReached ? "; more wait for the next run (MaxPerRun)" : "");
    }
}

public static class MailJobs
{
    /// <summary>Adds the digest and dispatch jobs to the engine's Quartz scheduler, each polled every
    /// <paramref name="pollSeconds"/>.</summary>
    public static void AddMailJobs(this IQuartzBuilder quartz, int pollSeconds)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, pollSeconds));
        quartz.AddJob<DailyDigestJob>(job => job.WithIdentity(DailyDigestJob.Key).StoreDurably());
        quartz.AddTrigger(trigger => trigger.ForJob(DailyDigestJob.Key).WithIdentity(DailyDigestJob.Trigger).StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()));
        quartz.AddJob<OutboxDispatchJob>(job => job.WithIdentity(OutboxDispatchJob.Key).StoreDurably());
        quartz.AddTrigger(trigger => trigger.ForJob(OutboxDispatchJob.Key).WithIdentity(OutboxDispatchJob.Trigger).StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()));
    }
}
