using System.Diagnostics;
using System.Threading.Channels;
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
/// the other escalation steps and briefings — oldest first, composed on every core while up to
/// <see cref="SmtpOptions.Connections"/> connections hand over what is ready. Each connection sends its next message only once the
/// outcome of the last is committed (outcomes arriving together share a commit), so a crash can repeat at most one
/// message per connection and never loses one. A failure is recorded on the row with its reason and retried with
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
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var due = await Due(db.Outbox, now)
            .OrderBy(o => o.Id)
            .Take(take)
            .ToListAsync(cancel);
        if (due.Count == 0) return (new Outcome(0, 0, 0), 0, true);

        // Composed on every core while the connections send what is ready (each composition reads with a context of
        // its own); a row that cannot become a message is dead on its own, and never costs a connection.
        var tally = new Tally();
        var commits = new OutcomeCommits(db);
        var ready = Channel.CreateBounded<(OutboxRow Row, MimeMessage Message)>(options.Smtp.Connections * 4);
        // Stopped with the connections if they fail (the database gone): the composers would wait on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var composing = ComposeAllAsync(due, ready.Writer, commits, tally, now, stop.Token);
        var connections = Math.Min(options.Smtp.Connections, due.Count);
        string?[] unopened;
        try
        {
            unopened = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => SendAllAsync(ready.Reader, commits, tally, now, cancel)));
        }
        catch
        {
            await stop.CancelAsync();
            await composing.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        var reachable = true;
        // If no connection could be opened, everything composed waits for a retry.
        await foreach (var (row, _) in ready.Reader.ReadAllAsync(CancellationToken.None))
        {
            var reason = unopened.OfType<string>().First();
            if (reachable) log.LogWarning("mail server unreachable, the messages of this batch wait for a retry: {Reason}", reason);
            reachable = false;
            await commits.RecordAsync(() => tally.Count(Fail(row, reason, permanent: false, now)));
        }
        await composing;
        MailMetrics.Phase("compose", commits.Composing);
        MailMetrics.Phase("send", commits.Sending);
        MailMetrics.Phase("mark", commits.Marking);
        MailMetrics.Accepted(tally.Sent);
        return (tally.Outcome, due.Count, reachable);
    }

    /// <summary>Composes every row of the batch, at most one per core at a time, into <paramref name="ready"/>; a row
    /// that fails is recorded as its own failure.</summary>
    private async Task ComposeAllAsync(List<OutboxRow> due, ChannelWriter<(OutboxRow, MimeMessage)> ready, OutcomeCommits commits, Tally tally,
        DateTimeOffset now, CancellationToken cancel)
    {
        try
        {
            var batch = await ReadAheadAsync(due, commits, cancel);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel },
                async (row, token) =>
                {
                    var started = Stopwatch.GetTimestamp();
                    MimeMessage message;
                    try
                    {
                        message = await composer.ComposeAsync(row, batch, token);
                    }
                    catch (MailCompositionException e)
                    {
                        await commits.RecordAsync(() => tally.Count(Fail(row, e.Message, permanent: true, now)));
                        return;
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        // Not a known refusal: perhaps a bug fixed by the next release, so retried like a delivery failure.
                        log.LogWarning(e, "outbox row {Id} ({Kind}) could not be composed", row.Id, row.Kind);
                        await commits.RecordAsync(() => tally.Count(Fail(row, Describe(e), permanent: false, now)));
                        return;
                    }
                    finally
                    {
                        commits.Spent(composing: Stopwatch.GetElapsedTime(started));
                    }
                    await ready.WriteAsync((row, message), token);
                });
        }
        finally
        {
            ready.Complete();
        }
    }

    /// <summary>What the batch's messages share, read at once (<see cref="MessageComposer.ReadAheadAsync"/>). If that read
    /// fails — a damaged row among them — each message reads its own, so only the damaged one fails.</summary>
    private async Task<MessageComposer.MessageBatch> ReadAheadAsync(List<OutboxRow> due, OutcomeCommits commits, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await composer.ReadAheadAsync(due, cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            log.LogInformation(e, "the facts of a batch of {Count} messages could not be read together; each message reads its own", due.Count);
            return MessageComposer.MessageBatch.Empty;
        }
        finally
        {
            commits.Spent(composing: Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>One connection: sends what is composed until nothing is left. Returns null, or why the connection could
    /// not be opened (the other connections then take its share).</summary>
    private async Task<string?> SendAllAsync(ChannelReader<(OutboxRow Row, MimeMessage Message)> ready, OutcomeCommits commits, Tally tally,
        DateTimeOffset now, CancellationToken cancel)
    {
        IMailSession session;
        try
        {
            session = await delivery.OpenAsync(cancel);
        }
        catch (MailDeliveryException e)
        {
            return e.Message;
        }
        await using (session)
        {
            await foreach (var (row, message) in ready.ReadAllAsync(cancel))
            {
                var started = Stopwatch.GetTimestamp();
                Action outcome;
                try
                {
                    await session.SendAsync(message, cancel);
                    var sentAt = UnixTime.Of(clock.GetUtcNow());
                    outcome = () =>
                    {
                        row.Status = OutboxStatus.Sent;
                        row.SentAt = sentAt;
                        row.Attempts++;
                        row.NextAttemptAt = null;
                        tally.Sent++;
                    };
                }
                catch (MailDeliveryException e)
                {
                    log.LogWarning("outbox row {Id} ({Kind}) not delivered: {Reason}", row.Id, row.Kind, e.Message);
                    outcome = () => tally.Count(Fail(row, e.Message, e.Permanent, now));
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    log.LogWarning(e, "outbox row {Id} ({Kind}) not delivered", row.Id, row.Kind);
                    outcome = () => tally.Count(Fail(row, Describe(e), permanent: false, now));
                }
                commits.Spent(sending: Stopwatch.GetElapsedTime(started));
                // The next message only once this one's outcome is committed: a crash repeats at most one message per
                // connection — one the server accepted whose commit had not happened.
                await commits.RecordAsync(outcome);
            }
        }
        return null;
    }

    /// <summary>A batch's counts; changed by one thread at a time (under <see cref="OutcomeCommits"/>' lock).</summary>
    private sealed class Tally
    {
        public int Sent, Retrying, Failed;

        /// <summary>Counts a failed attempt: dead-lettered (<paramref name="dead"/>) or to be retried.</summary>
        public void Count(bool dead)
        {
            if (dead) Failed++;
            else Retrying++;
        }

        public Outcome Outcome => new(Sent, Retrying, Failed);
    }

    /// <summary>The rows this dispatcher mails, each as a message of its own: the immediate kinds, except a task's 函告,
    /// which is never mailed on its own but waits to be gathered into its unit's letter of the day.</summary>
    public static IQueryable<OutboxRow> Mailed(IQueryable<OutboxRow> outbox)
    {
        var immediate = OutboxKinds.Immediate.ToArray();
        return outbox.Where(o => immediate.Contains(o.Kind) && !(o.Kind == EscalationSteps.Letter && o.AssignmentId != null));
    }

    /// <summary>What a run at <paramref name="now"/> sends: the rows it mails, pending, and not waiting out a retry.</summary>
    public static IQueryable<OutboxRow> Due(IQueryable<OutboxRow> outbox, DateTimeOffset now)
    {
        var nowMs = UnixTime.Of(now);
        return Mailed(outbox).Where(o => o.Status == OutboxStatus.Pending && (o.NextAttemptAt == null || o.NextAttemptAt <= nowMs));
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
