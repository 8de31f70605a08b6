using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;

namespace WorkflowHost.Hosting;

public static class DatabasePreparation
{
    /// <summary>
    /// Before serving: the schema is brought up to date and the configured plan imported if the database lacks it,
    /// so a newcomer's first run shows the 2024 plan. A bad plan or seed file stops the host with its problems listed.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var settings = services.GetRequiredService<ProductSettings>();
        var directory = services.GetRequiredService<UnitDirectory>();
        _ = services.GetRequiredService<WorkingCalendar>();
        var db = services.GetRequiredService<WorkflowDbContext>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkflowHost.Startup");

        await DatabaseSetup.MigrateAsync(db);
        if (settings.PlanPath is not { } planPath) return;
        try
        {
            var plan = PlanLoader.Load(planPath, directory);
            var outcome = await new PlanImporter(db, services.GetRequiredService<TimeProvider>()).ImportAsync(plan, directory);
            log.LogInformation("{Message}", outcome.Message);
        }
        catch (PlanInvalidException e)
        {
            throw new InvalidOperationException($"the configured plan '{planPath}' cannot be imported: {e.Message}", e);
        }
    }
}
