using WorkflowHost.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using Quartz;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Scheduling;
using WorkflowHost.Infrastructure.Simulation;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Infrastructure.Workflows.Commands;

namespace WorkflowHost.Hosting;

public static class EngineServices
{
    /// <summary>The engine without a web host: seed data, database, definitions, clock, timers and commands. The CLI
    /// verbs use exactly this; the host adds Quartz and the web app on top.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, ProductSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(_ => settings.LoadDirectory());
        services.AddSingleton(_ => settings.LoadCalendar());
        services.AddSingleton(_ => settings.LoadDefinitions());
        var engineOptions = settings.EngineOptions;
        if (engineOptions.Problems().ToList() is [_, ..] problems) throw new InvalidOperationException(string.Join("; ", problems));
        services.AddSingleton(engineOptions);
        services.AddSingleton(settings.ClockOptions);
        services.AddSingleton<TimeProvider>(_ => settings.CreateClock());
        services.AddSingleton(sp => new TimerPlanner(sp.GetRequiredService<WorkingCalendar>()));
        services.AddSingleton<WorkflowRuntime>();
        services.AddDbContextFactory<WorkflowDbContext>(settings.ConfigureDatabase);
        services.AddSingleton<TimerIncidents>();
        services.AddSingleton<IncidentAdministration>();
        services.AddSingleton<Infrastructure.Escalations.ProposalGatherer>();
        services.AddSingleton<TimerProcessor>();
        services.AddSingleton<AssignmentCommandExecutor>();
        // The documents a step or an approval issues take their number in the register as they are issued.
        var documents = settings.Configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions();
        if (documents.Problems() is { Count: > 0 } documentProblems)
            throw new InvalidOperationException("document settings are invalid:\n  " + string.Join("\n  ", documentProblems));
        services.AddSingleton(documents);
        services.AddSingleton<DocumentService>();
        services.AddSingleton<Infrastructure.Briefings.BriefingDesk>();
        services.AddSingleton<ClockAdvancer>();
        services.AddSingleton<ClockMove>();
        services.AddSingleton<Simulator>();
        services.AddMediator();
        services.AddDashboard();
        return services;
    }

    /// <summary>The scheduler shared by the cluster's nodes (sched_name in Quartz's tables).</summary>
    public const string ClusterSchedulerName = "workflowhost-cluster";

    /// <summary>Quartz with a persistent store in the same database, clustered on PostgreSQL (Quartz refuses
    /// clustering on SQLite): it runs the jobs that must happen once per cluster (mail digests, outbox dispatch). The
    /// engine's wake-up is per node (<see cref="NodeEngineWake"/>), so that every node works a storm of due timers.</summary>
    public static IServiceCollection AddEngineScheduling(this IServiceCollection services, ProductSettings settings)
    {
        var database = settings.Options.Database;
        var connectionString = database.ResolveConnectionString(settings.DataFolder);
        // A named scheduler: its clock (below) is then its own, and the container's TimeProvider stays the engine's.
        services.AddQuartz(ClusterSchedulerName, quartz =>
        {
            quartz.UseInstanceIdGenerator(new HostAndProcessInstanceId());
            // Quartz would otherwise take the engine's TimeProvider from the container: on a virtual clock that is
            // stopped or fast, polls would never repeat (or race) and cluster check-ins would never age, so a dead node
            // would hold the mail jobs for ever. Its triggers are in real seconds.
            quartz.UseTimeProvider(TimeProvider.System);
            quartz.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(_ => { });
                }
                else
                {
                    store.UseSqlite(connectionString);
                }
                store.ProvisionSchema();
            });
            quartz.AddMailJobs(settings.Configuration.GetValue($"{MailOptions.Section}:PollSeconds", 15));
        });
        services.AddQuartzHostedService(ClusterSchedulerName, options => options.WaitForJobsToComplete = true);
        services.AddNodeEngineWake(settings);
        return services;
    }
}
