using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Cli;

/// <summary><c>outbox [--status S] [--json]</c>, <c>outbox retry ID</c>, <c>outbox send</c>: the notifications the
/// engine decided on, whether they went out, and why not.</summary>
public static class OutboxVerbs
{
    public static Command Create(ProductSettings settings)
    {
        var status = new Option<string?>("--status") { Description = $"only rows with this status: {string.Join(", ", OutboxStatus.All)}" };
        status.AcceptOnlyFromAmong([.. OutboxStatus.All]);
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var limit = new Option<int>("--limit") { Description = "at most this many rows, newest first (1–10000)", DefaultValueFactory = _ => 200 };
        limit.Validators.Add(r => { if (r.GetValue(limit) is < 1 or > 10_000) r.AddError("--limit must be 1–10000"); });
        var command = new Command("outbox", "List the outbox: pending, sent, failed (with the reason) and digested notifications")
        {
            status, json, limit, Retry(settings), Send(settings),
        };
        command.SetAction(async (parse, cancel) =>
        {
            await using var services = await OpenAsync(settings, cancel);
            var administration = services.GetRequiredService<OutboxAdministration>();
            var rows = await administration.ListAsync(parse.GetValue(status), parse.GetValue(limit), cancel);
            if (parse.GetValue(json))
            {
                CliJson.Write(rows);
                return ExitCodes.Ok;
            }
            var counts = await administration.CountsAsync(cancel);
            Console.WriteLine(string.Join("  ", OutboxStatus.All.Select(s => $"{s}: {counts.GetValueOrDefault(s)}")));
            foreach (var row in rows)
            {
                var state = row.Status switch
                {
                    OutboxStatus.Sent => $"sent {row.SentAt:yyyy-MM-dd HH:mm}",
                    OutboxStatus.Pending when row.LastError is not null => $"pending, attempt {row.Attempts + 1} at {row.NextAttemptAt:yyyy-MM-dd HH:mm}: {row.LastError}",
                    OutboxStatus.Failed => $"failed after {row.Attempts} attempt(s): {row.LastError}",
                    OutboxStatus.Digested => $"in {row.DigestKey}",
                    _ => row.Status,
                };
                Console.WriteLine($"{row.Id,7} {row.CreatedAt:yyyy-MM-dd HH:mm} {row.Kind,-30} {row.Recipient,-16} {state}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retry(ProductSettings settings)
    {
        var id = new Argument<long>("id") { Description = "the failed row's id (see `outbox --status failed`)" };
        var command = new Command("retry", "Put a failed (dead-lettered) row back in line for sending") { id };
        command.SetAction(async (parse, cancel) =>
        {
            await using var services = await OpenAsync(settings, cancel);
            if (await services.GetRequiredService<OutboxAdministration>().RetryAsync(parse.GetValue(id), cancel) is { } refusal)
            {
                await Console.Error.WriteLineAsync($"error: {refusal}");
                return ExitCodes.BadInput;
            }
            Console.WriteLine($"outbox row {parse.GetValue(id)} is pending again; it goes out with the next dispatch");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Send(ProductSettings settings)
    {
        var command = new Command("send", "Write the digests that are due and send everything due now (what the host does every few seconds)");
        command.SetAction(async (parse, cancel) =>
        {
            await using var services = await OpenAsync(settings, cancel);
            var digests = await services.GetRequiredService<DailyDigestComposer>().RunAsync(cancel);
            var outcome = await services.GetRequiredService<OutboxDispatcher>().RunAsync(cancel);
            Console.WriteLine($"{digests} digest(s) written; {outcome.Sent} sent, {outcome.Retrying} to retry, {outcome.Failed} failed");
            if (outcome.LimitReached)
                Console.WriteLine("more rows are due: this run stopped at WorkflowHost:Mail:MaxPerRun; run it again (the host does, every PollSeconds)");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The engine's services with mail, on an up-to-date schema, with a virtual clock where the host left it.</summary>
    private static async Task<ServiceProvider> OpenAsync(ProductSettings settings, CancellationToken cancel)
    {
        var services = EngineServiceProvider.Create(settings, s => s.AddMail(settings));
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        await DatabaseSetup.MigrateAsync(db, cancel);
        if (services.GetRequiredService<TimeProvider>() is VirtualClock clock) await ClockStore.RestoreAsync(db, clock, cancel);
        return services;
    }
}
