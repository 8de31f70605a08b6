using Quartz;
using WorkflowHost.Infrastructure.Scheduling;

namespace WorkflowHost.Hosting;

/// <summary>
/// Each host process (node) wakes its own engine with a Quartz scheduler of its own, in memory, beside the clustered
/// one. Why not the clustered scheduler: a clustered trigger fires on exactly one node, and the wake job must not run
/// twice at once, so a storm of due timers would be worked by one node while the others idle. Here every node polls,
/// and wakes at the next due instant, by itself; the nodes share a storm through the database: each batch claims its
/// rows with <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never claim the same timer, and a node that dies mid-batch
/// loses only its open transaction, whose rows unlock and are claimed by a survivor. Nothing of this scheduler needs
/// to be durable: the timers themselves are rows, and a node that starts polls at once.
/// The clustered scheduler (<see cref="EngineServices.AddEngineScheduling"/>) keeps the jobs that must run once per
/// cluster: the daily digests and the outbox dispatch.
/// </summary>
public static class NodeEngineWake
{
    public const string SchedulerName = "workflowhost-engine-node";

    public static IServiceCollection AddNodeEngineWake(this IServiceCollection services, ProductSettings settings)
    {
        services.AddQuartz(SchedulerName, quartz =>
        {
            quartz.UseInMemoryStore(_ => { });
            // Real time, not the engine's clock from the container: the poll is in real seconds, and the wake job turns
            // the engine clock's next due instant into a real one itself.
            quartz.UseTimeProvider(TimeProvider.System);
            // One worker: one batch loop per node at a time (the job is also DisallowConcurrentExecution).
            quartz.UseDefaultThreadPool(1);
            quartz.AddJob<EngineWakeJob>(job => job.WithIdentity(EngineWakeJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(EngineWakeJob.Key)
                .WithIdentity(EngineWakeJob.PollTrigger)
                .StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(settings.EngineOptions.PollSeconds)).RepeatForever()));
        });
        services.AddQuartzHostedService(SchedulerName, options => options.WaitForJobsToComplete = true);
        return services;
    }
}
