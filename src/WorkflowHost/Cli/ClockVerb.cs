using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Cli;

/// <summary><c>clock show</c> and <c>clock advance --to TIME</c>: an administrator moves the virtual clock of the
/// product's database forward; every timer in between fires, in order, once.</summary>
public static class ClockVerb
{
    public static Command Create(ProductSettings settings) => new("clock", "Show or advance the engine's clock")
    {
        Show(settings),
        Advance(settings),
    };

    private static Command Show(ProductSettings settings)
    {
        var command = new Command("show", "Print the engine's current time");
        command.SetAction(async (_, cancel) =>
        {
            await using var services = EngineServiceProvider.Create(settings);
            var clock = await PrepareAsync(services, cancel);
            Console.WriteLine(clock is VirtualClock v ? $"virtual clock at {CliTime.Show(v.GetUtcNow())}, speed {v.Speed}" : $"real clock at {CliTime.Show(clock.GetUtcNow())}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Advance(ProductSettings settings)
    {
        var to = new Option<string>("--to") { Description = "the new time: YYYY-MM-DD or YYYY-MM-DDTHH:mm (China time)", Required = true };
        var command = new Command("advance", "Move a virtual clock forward, firing every timer in between in order") { to };
        command.SetAction(async (parse, cancel) =>
        {
            if (CliTime.ParseOrReport("--to", parse.GetValue(to)!) is not { } target) return ExitCodes.BadInput;
            await using var services = EngineServiceProvider.Create(settings);
            var clock = await PrepareAsync(services, cancel);
            var (fired, refusal) = await services.GetRequiredService<ClockMove>().MoveToAsync(target, cancel);
            if (refusal is not null)
            {
                Console.Error.WriteLine($"error: {refusal}");
                return ExitCodes.BadInput;
            }
            await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
            await CliAudit.WriteAsync(db, clock, "advance-clock", null, $"to {CliTime.Show(target)}, {fired} timers", cancel);
            Console.WriteLine($"virtual clock at {CliTime.Show(clock.GetUtcNow())}; {fired} timer(s) handled");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The database as the host would find it (migrated, plan imported) and the clock where it was left.</summary>
    private static async Task<TimeProvider> PrepareAsync(ServiceProvider services, CancellationToken cancel)
    {
        await services.PrepareDatabaseAsync(cancel);
        return services.GetRequiredService<TimeProvider>();
    }
}
