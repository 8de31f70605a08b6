using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Hosting;

public static class DatabasePreparation
{
    /// <summary>
    /// Before serving: the schema is brought up to date, a virtual clock continues from where it stopped, the states'
    /// roles the ranking's triggers read are written from the definitions (<see cref="UnitTallies.PrepareAsync"/>), and the
    /// configured plan is imported (its workflows started) if the database lacks it, so a newcomer's first run shows
    /// the 2024 plan. A bad plan, seed file or workflow definition stops the host with its problems listed.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancel = default)
    {
        var settings = services.GetRequiredService<ProductSettings>();
        var directory = services.GetRequiredService<UnitDirectory>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkflowHost.Startup");
        StartupTimeline.Mark("directory, calendar and definitions loaded");
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        _ = db.Model;
        StartupTimeline.Mark("EF model built");

        await DatabaseSetup.MigrateAsync(db, cancel);
        StartupTimeline.Mark("migrated");
        if (runtime.Clock is VirtualClock clock)
        {
            await ClockStore.RestoreAsync(db, clock, cancel);
            log.LogInformation("virtual clock at {Now:yyyy-MM-dd HH:mm zzz} (speed {Speed})", clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)), clock.Speed);
        }
        await UnitTallies.PrepareAsync(db, runtime.Definitions, ChinaTime.Today(runtime.Clock), cancel);
        StartupTimeline.Mark("state roles checked");
        if (settings.PlanPath is not { } planPath) return;
        try
        {
            var plan = PlanLoader.Load(planPath, directory);
            var outcome = await new PlanImporter(db, runtime).ImportAsync(plan, directory, cancel);
            log.LogInformation("{Message}", outcome.Message);
            StartupTimeline.Mark("plan checked");
        }
        catch (PlanInvalidException e)
        {
            throw new InvalidOperationException($"the configured plan '{planPath}' cannot be imported: {e.Message}", e);
        }
    }
}
