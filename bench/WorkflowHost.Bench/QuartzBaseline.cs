using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quartz;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// The storm the way Elsa runs timers: one Quartz trigger per timer (persistent store in the same SQLite database,
/// the default thread pool), each job doing the firing's writes through EF Core change tracking
/// (<see cref="PeerFiring"/>). Sampled: <c>sample</c> storm timers get a trigger each, all due now; firings/s is the sample
/// divided by the time from the scheduler's start to the last job's end (scheduling the triggers is not counted).
/// </summary>
public static class QuartzBaseline
{
    public sealed record Result(int Fired, TimeSpan Elapsed, TimeSpan Scheduling);

    public static async Task<Result> RunAsync(ProductSettings settings, StormShape storm, int sample, CancellationToken cancel)
    {
        var connectionString = settings.Options.Database.ResolveConnectionString(settings.DataFolder);
        var counter = new Completion(sample);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(storm)
            .AddSingleton(counter)
            .AddDbContextFactory<WorkflowDbContext>(settings.ConfigureDatabase)
            .AddQuartz(quartz =>
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UseSqlite(connectionString);
                    store.ProvisionSchema();
                });
            })
            .BuildServiceProvider();
        await using var _ = services;
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancel);

        var timers = await PeerFiring.SampleAsync(services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), storm, sample, cancel);
        counter.Expect(timers.Count);

        var scheduling = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        foreach (var id in timers)
        {
            var job = JobBuilder.Create<ElsaStyleTimerJob>().WithIdentity($"timer-{id}", "bench").UsingJobData("timer", id).Build();
            var trigger = TriggerBuilder.Create().WithIdentity($"timer-{id}", "bench").StartAt(now).Build();
            await scheduler.ScheduleJob(job, trigger, default, cancel);
        }
        scheduling.Stop();

        var watch = Stopwatch.StartNew();
        await scheduler.Start(cancel);
        await counter.Done.WaitAsync(TimeSpan.FromMinutes(30), cancel);
        watch.Stop();
        await scheduler.Shutdown(waitForJobsToComplete: true, cancel);
        return new Result(counter.Fired, watch.Elapsed, scheduling.Elapsed);
    }

    public sealed class Completion
    {
        private int _expected;
        private int _fired;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Completion(int expected) => _expected = expected;
        public int Fired => _fired;
        public Task Done => _done.Task;

        public void Expect(int expected)
        {
            _expected = expected;
            if (expected == 0) _done.TrySetResult();
        }

        public void Signal()
        {
            if (Interlocked.Increment(ref _fired) >= _expected) _done.TrySetResult();
        }

        public void Fail(Exception e) => _done.TrySetException(e);
    }

    /// <summary>One timer's firing as a per-bookmark Quartz job would do it.</summary>
    public sealed class ElsaStyleTimerJob(IDbContextFactory<WorkflowDbContext> contexts, StormShape storm, Completion completion) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            try
            {
                await PeerFiring.FireAsync(contexts, storm, context.MergedJobDataMap.GetLong("timer"), cancellationToken);
                completion.Signal();
            }
            catch (Exception e)
            {
                completion.Fail(e);
                throw;
            }
        }
    }
}
