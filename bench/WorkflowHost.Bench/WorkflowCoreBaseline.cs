using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// The storm on a real .NET workflow engine, Workflow Core 3.22: one workflow per assignment — a delay step to the
/// timer's due instant, then a step doing the firing's writes through EF Core (<see cref="PeerFiring"/>), the same rows
/// our engine writes. Its in-memory persistence provider (the registry here serves no durable one for it), so its
/// figure is an upper bound for Workflow Core: a durable provider adds a write per step. Polling every 100 ms (the
/// default is 10 s), workers as many as cores (its default). Sampled like Quartz; firings/s is the sample divided by
/// the time from the first workflow started to the last firing saved.
/// </summary>
public static class WorkflowCoreBaseline
{
    public sealed record Result(int Fired, TimeSpan Elapsed, TimeSpan Starting);

    public static async Task<Result> RunAsync(ProductSettings settings, StormShape storm, int sample, CancellationToken cancel)
    {
        var completion = new QuartzBaseline.Completion(sample);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(storm)
            .AddSingleton(completion)
            .AddTransient<FireOverdue>()
            .AddDbContextFactory<WorkflowDbContext>(settings.ConfigureDatabase)
            .AddWorkflow(options => options.UsePollInterval(TimeSpan.FromMilliseconds(100)))
            .BuildServiceProvider();
        await using var _ = services;
        var timers = await PeerFiring.SampleAsync(services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), storm, sample, cancel);
        completion.Expect(timers.Count);

        var host = services.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<OverdueWorkflow, Firing>();
        host.OnStepError += (_, _, error) => completion.Fail(error);
        await host.StartAsync(cancel);
        try
        {
            var due = DateTime.UtcNow;
            var watch = Stopwatch.StartNew();
            foreach (var id in timers)
                await host.StartWorkflow(OverdueWorkflow.Name, OverdueWorkflow.Revision, new Firing { TimerId = id, DueAt = due });
            var starting = watch.Elapsed;
            await completion.Done.WaitAsync(TimeSpan.FromMinutes(30), cancel);
            watch.Stop();
            return new Result(completion.Fired, watch.Elapsed, starting);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A workflow's data: the timer it stands for and its due instant.</summary>
    public sealed class Firing
    {
        public long TimerId { get; set; }
        public DateTime DueAt { get; set; }
    }

    public sealed class OverdueWorkflow : IWorkflow<Firing>
    {
        public const string Name = "storm-overdue";
        public const int Revision = 1;
        public string Id => Name;
        public int Version => Revision;

        public void Build(IWorkflowBuilder<Firing> builder) => builder
            .StartWith(_ => ExecutionResult.Next())
            .Delay(data => data.DueAt > DateTime.UtcNow ? data.DueAt - DateTime.UtcNow : TimeSpan.Zero)
            .Then<FireOverdue>()
            .Input(step => step.TimerId, data => data.TimerId);
    }

    public sealed class FireOverdue(IDbContextFactory<WorkflowDbContext> contexts, StormShape storm, QuartzBaseline.Completion completion) : StepBodyAsync
    {
        public long TimerId { get; set; }

        public override async Task<ExecutionResult> RunAsync(IStepExecutionContext context)
        {
            await PeerFiring.FireAsync(contexts, storm, TimerId, context.CancellationToken);
            completion.Signal();
            return ExecutionResult.Next();
        }
    }
}
