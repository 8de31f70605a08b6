using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Cli;

/// <summary><c>incidents [--status S] [--json]</c>, <c>incidents show ID</c>, <c>incidents retry ID</c>,
/// <c>incidents resolve ID</c>: the timers the engine set aside because their handling failed, and what an operator
/// does about them once the cause is repaired.</summary>
public static class IncidentsVerb
{
    public static Command Create(ProductSettings settings)
    {
        var status = new Option<string?>("--status") { Description = $"only incidents with this status: {string.Join(", ", IncidentAdministration.Statuses)} (default: open)", DefaultValueFactory = _ => IncidentStatus.Open };
        status.AcceptOnlyFromAmong([.. IncidentAdministration.Statuses]);
        var all = new Option<bool>("--all") { Description = "open and resolved" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var limit = new Option<int>("--limit") { Description = "at most this many, newest first (1–10000)", DefaultValueFactory = _ => 200 };
        limit.Validators.Add(r => { if (r.GetValue(limit) is < 1 or > 10_000) r.AddError("--limit must be 1–10000"); });
        var command = new Command("incidents", "List the timers set aside because their handling failed (open by default)")
        {
            status, all, json, limit, Show(settings), Change(settings, "retry", "Try the timer again at the engine's next run (after a repair)"),
            Change(settings, "resolve", "Give the timer up: it never fires, and its later steps are not planned"),
        };
        command.SetAction(async (parse, cancel) =>
        {
            await using var services = await OpenAsync(settings, cancel);
            var rows = await services.GetRequiredService<IncidentAdministration>()
                .ListAsync(parse.GetValue(all) ? null : parse.GetValue(status), parse.GetValue(limit), cancel: cancel);
            if (parse.GetValue(json))
            {
                CliJson.Write(rows);
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{rows.Count} incident(s)");
            foreach (var row in rows)
            {
                var state = row.Status == IncidentStatus.Open
                    ? row.NextRetryAt is { } next ? $"retry at {CliTime.Show(next)}" : "attempts exhausted"
                    : $"resolved {CliTime.Show(row.ResolvedAt!.Value)} by {row.ResolvedBy}";
                Console.WriteLine($"{row.Id,6} timer {row.TimerId} {Subject(row)} {row.Step}: {row.Attempts} attempt(s), last {CliTime.Show(row.LastFailedAt)}, {state}: {row.Summary}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Subject(IncidentEntry row) =>
        row.AssignmentId is null ? "(engine-wide)" : $"assignment {row.AssignmentId} (task {row.TaskNo?.ToString() ?? "?"}, {row.Unit ?? "?"})";

    private static Command Show(ProductSettings settings)
    {
        var id = new Argument<long>("id") { Description = "the incident's id" };
        var command = new Command("show", "Print one incident with its whole error") { id };
        command.SetAction(async (parse, cancel) =>
        {
            await using var services = await OpenAsync(settings, cancel);
            var rows = await services.GetRequiredService<IncidentAdministration>().ListAsync(null, 1, parse.GetValue(id), cancel);
            if (rows is not [var row])
            {
                await Console.Error.WriteLineAsync($"error: no incident {parse.GetValue(id)}");
                return ExitCodes.BadInput;
            }
            Console.WriteLine($"incident {row.Id}: timer {row.TimerId} {Subject(row)} {row.Step}, {row.Status}");
            Console.WriteLine($"failed {row.Attempts} time(s), first {CliTime.Show(row.FirstFailedAt)}, last {CliTime.Show(row.LastFailedAt)}");
            if (row.NextRetryAt is { } next) Console.WriteLine($"next retry {CliTime.Show(next)}");
            if (row.ResolvedAt is { } at) Console.WriteLine($"resolved {CliTime.Show(at)} by {row.ResolvedBy}");
            Console.WriteLine(row.Error);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Change(ProductSettings settings, string verb, string description)
    {
        var id = new Argument<long>("id") { Description = "the open incident's id (see `incidents`)" };
        var command = new Command(verb, description) { id };
        command.SetAction(async (parse, cancel) =>
        {
            await using var services = await OpenAsync(settings, cancel);
            var administration = services.GetRequiredService<IncidentAdministration>();
            var audit = CliAudit.Entry(services.GetRequiredService<TimeProvider>(), $"incident-{verb}", null, null);
            var refusal = verb == "retry"
                ? await administration.RetryAsync(parse.GetValue(id), audit, cancel)
                : await administration.ResolveAsync(parse.GetValue(id), audit, cancel);
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync($"error: {refusal}");
                return ExitCodes.BadInput;
            }
            Console.WriteLine(verb == "retry"
                ? $"incident {parse.GetValue(id)}: the engine tries the timer again at its next run"
                : $"incident {parse.GetValue(id)} resolved: the timer will not fire");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The engine's services on an up-to-date schema, with a virtual clock where the host left it.</summary>
    private static async Task<ServiceProvider> OpenAsync(ProductSettings settings, CancellationToken cancel)
    {
        var services = EngineServiceProvider.Create(settings);
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        await DatabaseSetup.MigrateAsync(db, cancel);
        if (services.GetRequiredService<TimeProvider>() is VirtualClock clock) await ClockStore.RestoreAsync(db, clock, cancel);
        return services;
    }
}
