using System.CommandLine;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Simulation;

namespace WorkflowHost.Cli;

/// <summary>
/// <c>simulate --from DATE --to DATE --profile idle|realistic [--seed N] [--events FILE] [--report DIR] [--outbox DIR]</c>: runs the
/// configured plan on a virtual clock in a fresh embedded database of its own (the product's database is never
/// touched), as fast as the machine allows.
/// </summary>
public static class SimulateVerb
{
    public static Command Create(ProductSettings settings)
    {
        var from = new Option<string>("--from") { Description = "start (YYYY-MM-DD[THH:mm], China time); the plan is imported then", DefaultValueFactory = _ => "2024-02-25T09:00" };
        var to = new Option<string>("--to") { Description = "end (YYYY-MM-DD[THH:mm], China time)", DefaultValueFactory = _ => "2025-03-31" };
        var profile = new Option<string>("--profile") { Description = "who acts: idle (nobody) or realistic (most units report and finish, some late, some rejected once)", DefaultValueFactory = _ => "idle" };
        profile.AcceptOnlyFromAmong("idle", "realistic");
        var seed = new Option<int>("--seed") { Description = "seed of the realistic profile: the same seed gives the same run", DefaultValueFactory = _ => 2024 };
        var events = new Option<FileInfo?>("--events") { Description = "write every engine event as JSON Lines to this file" };
        var report = new Option<DirectoryInfo?>("--report") { Description = "write a readable timeline (timeline.md) and summary (summary.txt) here" };
        var outbox = new Option<DirectoryInfo?>("--outbox") { Description = "deliver the run's mail (digests, escalation letters with their documents, briefings) as .eml files here" };
        var command = new Command("simulate", "Run the plan on a virtual clock and report what the engine did") { from, to, profile, seed, events, report, outbox };
        command.SetAction(async (parse, cancel) =>
        {
            if (CliTime.ParseOrReport("--from", parse.GetValue(from)!) is not { } start) return ExitCodes.BadInput;
            if (CliTime.ParseOrReport("--to", parse.GetValue(to)!) is not { } end) return ExitCodes.BadInput;
            if (end < start)
            {
                Console.Error.WriteLine($"error: --to {CliTime.Show(end)} is before --from {CliTime.Show(start)}");
                return ExitCodes.BadInput;
            }
            var calendarYears = settings.LoadCalendar().Years;
            if (start.Year < calendarYears.Min() || end.Year > calendarYears.Max())
            {
                Console.Error.WriteLine($"error: the statutory calendar covers {calendarYears.Min()}–{calendarYears.Max()}; a simulation must stay within it");
                return ExitCodes.BadInput;
            }
            ISimulationProfile chosen = parse.GetValue(profile) == "realistic" ? new RealisticProfile(parse.GetValue(seed)) : new IdleProfile();

            var folder = Directory.CreateTempSubdirectory("workflowhost-simulation-");
            try
            {
                var mailFolder = parse.GetValue(outbox);
                var simulation = SimulationSettings(settings, folder.FullName, start, mailFolder?.FullName);
                await using var services = EngineServiceProvider.Create(simulation, s => s.AddMail(simulation).AddSingleton<MailSimulationHook>());
                await services.PrepareDatabaseAsync(cancel);
                mailFolder?.Create();
                var mail = mailFolder is null ? null : services.GetRequiredService<MailSimulationHook>();
                var run = await services.GetRequiredService<Simulator>().RunAsync(chosen, end, mail is null ? [] : [mail], cancel);
                await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
                var journal = await SimulationJournal.ReadAsync(db, cancel);
                var counts = SimulationJournal.Count(journal);
                if (parse.GetValue(events) is { } eventsFile)
                {
                    await using var writer = new StreamWriter(eventsFile.FullName, false, new UTF8Encoding(false));
                    await SimulationJournal.WriteEventsAsync(journal, writer);
                }
                if (parse.GetValue(report) is { } reportFolder)
                {
                    reportFolder.Create();
                    await File.WriteAllTextAsync(Path.Combine(reportFolder.FullName, "summary.txt"), SimulationJournal.SummaryTable(run, counts), cancel);
                    await using var writer = new StreamWriter(Path.Combine(reportFolder.FullName, "timeline.md"), false, new UTF8Encoding(false));
                    await SimulationJournal.WriteTimelineAsync(run, journal, counts, writer);
                }
                Console.Write(SimulationJournal.SummaryTable(run, counts));
                if (mail is not null) Console.WriteLine($"mail: {mail.Sent} message(s) written to {mailFolder!.FullName}");
                return ExitCodes.Ok;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                folder.Delete(recursive: true);
            }
        });
        return command;
    }

    /// <summary>The product's settings with a fresh embedded database and a stopped virtual clock at the start.</summary>
    private static ProductSettings SimulationSettings(ProductSettings settings, string dataFolder, DateTimeOffset start, string? mailFolder) =>
        ProductSettings.Load(settings.Root, new ConfigurationBuilder()
            .AddConfiguration(settings.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["WorkflowHost:DataFolder"] = dataFolder,
                ["WorkflowHost:Database:Provider"] = "Sqlite",
                ["WorkflowHost:Database:ConnectionString"] = "",
                ["WorkflowHost:Clock:Mode"] = "Virtual",
                ["WorkflowHost:Clock:Start"] = start.ToString("O"),
                ["WorkflowHost:Clock:Speed"] = "0",
                // Mail never leaves a simulation: it is written as files, into --outbox or the throwaway data folder.
                ["WorkflowHost:Mail:Smtp:Host"] = "",
                ["WorkflowHost:Mail:PickupFolder"] = mailFolder ?? Path.Combine(dataFolder, "mail-pickup"),
                // Nobody is there to issue a month's 简报: it goes out as soon as it is assembled.
                ["WorkflowHost:Engine:AutoIssueBriefings"] = "true",
            })
            .Build());
}
