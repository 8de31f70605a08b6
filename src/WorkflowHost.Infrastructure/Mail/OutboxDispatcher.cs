using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Mail.Delivery;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// Sends what is due in the outbox — digests, each unit's 督办函 of the day (gathered first, <see cref="LetterBundler"/>),
/// the other escalation steps and briefings — oldest first, over one connection per
/// batch. Each row is marked sent in its own commit right after the server accepts it, so a crash can repeat at most
/// the message in flight and never loses one. A failure is recorded on the row with its reason and retried with
/// backoff; a refusal, or the last allowed attempt, dead-letters it (status failed). Any exception of one row — a
/// payload no code expected, a document that cannot be written — is that row's failure, never the run's: the others
/// are composed and sent in the same run. Nothing here blocks the engine: it runs in its own job, and rows are only
/// ever read and updated, never held.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<WorkflowDbContext> contexts, LetterBundler letters, MessageComposer composer, IMailDelivery delivery, MailOptions options,
    TimeProvider clock, ILogger<OutboxDispatcher> log)
{
    /// <summary>What a run did; <see cref="LimitReached"/> says rows due were left for the next run
    /// (<see cref="MailOptions.MaxPerRun"/>).</summary>
    public sealed record Outcome(int Sent, int Retrying, int Failed, bool LimitReached = false);

    /// <summary>Sends what is due at the engine clock's time, at most <see cref="MailOptions.MaxPerRun"/> rows.</summary>
    public Task<Outcome> RunAsync(CancellationToken cancel = default) => RunAsync(clock.GetUtcNow(), options.MaxPerRun, cancel);

    /// <summary>Sends the rows due at <paramref name="now"/>, batch after batch, until none is left, the server stops
    /// answering, or <paramref name="limit"/> rows (0: no limit) have been handled.</summary>
    public async Task<Outcome> RunAsync(DateTimeOffset now, int limit, CancellationToken cancel = default)
    {
        // A unit's 函告 of the day go out as one 督办函: gathered first, so the run below sends the letter, not the tasks.
        var phase = Stopwatch.GetTimestamp();
        await letters.BundleAsync(now, cancel);
        MailMetrics.Phase("bundle", phase);
        var total = new Outcome(0, 0, 0);
        while (true)
        {
            var handled = total.Sent + total.Retrying + total.Failed;
            if (limit > 0 && handled >= limit) return total with { LimitReached = true };
            var take = limit > 0 ? Math.Min(options.BatchSize, limit - handled) : options.BatchSize;
            var (outcome, claimed, reachable) = await RunBatchAsync(now, take, cancel);
            total = new Outcome(total.Sent + outcome.Sent, total.Retrying + outcome.Retrying, total.Failed + outcome.Failed);
            if (claimed < take || !reachable) return total;
        }
    }

    private async Task<(Outcome Outcome, int Claimed, bool Reachable)> RunBatchAsync(DateTimeOffset now, int take, CancellationToken cancel)
    {
        var nowMs = UnixTime.Of(now);
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var due = await Mailed(db.Outbox)
            .Where(o => o.Status == OutboxStatus.Pending && (o.NextAttemptAt == null || o.NextAttemptAt <= nowMs))
            .OrderBy(o => o.Id)
            .Take(take)
            .ToListAsync(cancel);
        if (due.Count == 0) return (new Outcome(0, 0, 0), 0, true);

        // Compose first: a row that cannot become a message is dead on its own, and must not cost a connection.
        var phase = Stopwatch.GetTimestamp();
        var messages = new List<(OutboxRow Row, MimeMessage Message)>();
        int sent = 0, retrying = 0, failed = 0;
        foreach (var row in due)
        {
            try
            {
                messages.Add((row, await composer.ComposeAsync(row, cancel)));
            }
            catch (MailCompositionException e)
            {
                Fail(row, e.Message, permanent: true, now);
                failed++;
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                // Not a known refusal: perhaps a bug fixed by the next release, so retried like a delivery failure.
                log.LogWarning(e, "outbox row {Id} ({Kind}) could not be composed", row.Id, row.Kind);
                if (Fail(row, Describe(e), permanent: false, now)) failed++;
                else retrying++;
            }
        }
        await db.SaveChangesAsync(cancel);
        MailMetrics.Phase("compose", phase);
        if (messages.Count == 0) return (new Outcome(0, 0, failed), due.Count, true);

        phase = Stopwatch.GetTimestamp();

        IMailSession session;
        try
        {
            session = await delivery.OpenAsync(cancel);
        }
        catch (MailDeliveryException e)
        {
            log.LogWarning("mail server unreachable, {Count} messages wait for a retry: {Reason}", messages.Count, e.Message);
            foreach (var (row, _) in messages)
            {
                if (Fail(row, e.Message, permanent: false, now)) failed++;
                else retrying++;
            }
            await db.SaveChangesAsync(cancel);
            return (new Outcome(0, retrying, failed), due.Count, false);
        }

        var marking = TimeSpan.Zero;
        await using (session)
        {
            foreach (var (row, message) in messages)
            {
                try
                {
                    await session.SendAsync(message, cancel);
                    row.Status = OutboxStatus.Sent;
                    row.SentAt = UnixTime.Of(clock.GetUtcNow());
                    row.Attempts++;
                    row.NextAttemptAt = null;
                    sent++;
                }
                catch (MailDeliveryException e)
                {
                    log.LogWarning("outbox row {Id} ({Kind}) not delivered: {Reason}", row.Id, row.Kind, e.Message);
                    if (Fail(row, e.Message, e.Permanent, now)) failed++;
                    else retrying++;
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    log.LogWarning(e, "outbox row {Id} ({Kind}) not delivered", row.Id, row.Kind);
                    if (Fail(row, Describe(e), permanent: false, now)) failed++;
                    else retrying++;
                }
                // Commit each outcome at once: between the server's "accepted" and this save is the only window in
                // which a crash makes a duplicate.
                var saving = Stopwatch.GetTimestamp();
                await db.SaveChangesAsync(CancellationToken.None);
                marking += Stopwatch.GetElapsedTime(saving);
            }
        }
        MailMetrics.Phase("send", Stopwatch.GetElapsedTime(phase) - marking);
        MailMetrics.Phase("mark", marking);
        MailMetrics.Accepted(sent);
        return (new Outcome(sent, retrying, failed), due.Count, true);
    }

    /// <summary>The rows this dispatcher mails, each as a message of its own: the immediate kinds, except a task's 函告,
    /// which is never mailed on its own but waits to be gathered into its unit's letter of the day.</summary>
    public static IQueryable<OutboxRow> Mailed(IQueryable<OutboxRow> outbox)
    {
        var immediate = OutboxKinds.Immediate.ToArray();
        return outbox.Where(o => immediate.Contains(o.Kind) && !(o.Kind == EscalationSteps.Letter && o.AssignmentId != null));
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    /// <summary>Records a failed attempt; returns true when the row is now dead-lettered.</summary>
    private bool Fail(OutboxRow row, string reason, bool permanent, DateTimeOffset now)
    {
        row.Attempts++;
        row.LastError = reason.Length > 1000 ? reason[..1000] : reason;
        if (permanent || RetryPolicy.IsExhausted(row.Attempts, options))
        {
            row.Status = OutboxStatus.Failed;
            row.NextAttemptAt = null;
            return true;
        }
        row.NextAttemptAt = UnixTime.Of(now + RetryPolicy.DelayAfter(row.Attempts, options));
        return false;
    }
}
