using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// The engine's side of incidents (after Camunda's failed job → retries → incident): a timer whose handling threw is
/// held out of the claim query, so the batch that found it goes on without it; it is released again for a retry when
/// its backoff has passed, on the engine's clock; when a retry fires it (or a command cancels it) the incident is
/// resolved. After <see cref="EngineOptions.IncidentMaxAttempts"/> it waits for an operator.
/// </summary>
public sealed class TimerIncidents(IDbContextFactory<WorkflowDbContext> contexts, EngineOptions options)
{
    /// <summary>Longest error text kept: the message and the top of the stack, enough to find the line.</summary>
    public const int MaxErrorLength = 4000;

    /// <summary>Holds the timer and records the failure, in a transaction of its own (the batch that failed has rolled
    /// back). False when the timer is no longer pending: another node fired it, or a command cancelled it.</summary>
    public async Task<bool> RecordAsync(long timerId, Exception error, long nowMs, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var held = await HoldAsync(db, [(timerId, error)], nowMs, cancel);
        await transaction.CommitAsync(cancel);
        return held == 1;
    }

    /// <summary>Holds these timers, those still pending, and records each failure, in the caller's transaction: the
    /// batch that found them failing while it decided them commits them set aside with the rest of its work. Returns
    /// how many were held.</summary>
    public async Task<int> HoldAsync(WorkflowDbContext db, IReadOnlyList<(long TimerId, Exception Error)> failures, long nowMs, CancellationToken cancel)
    {
        var ids = failures.Select(f => f.TimerId).ToList();
        // By id alone, the state checked here: with the state in the query SQLite may walk the index of every pending
        // timer instead of the primary key — a cost that grew with the data set (41 % of the clean storm at a million).
        var timers = (await db.Timers.Where(t => ids.Contains(t.Id)).ToListAsync(cancel))
            .Where(t => t.Status == TimerStatus.Pending).ToDictionary(t => t.Id);
        var incidents = await db.Incidents.Where(i => ids.Contains(i.TimerId)).ToDictionaryAsync(i => i.TimerId, cancel);
        foreach (var (timerId, error) in failures)
        {
            if (!timers.TryGetValue(timerId, out var timer)) continue;
            timer.Status = TimerStatus.Held;
            if (!incidents.TryGetValue(timerId, out var incident))
            {
                incident = new IncidentRow
                {
                    TimerId = timerId, AssignmentId = timer.AssignmentId, Step = EventNameOf(timer.Kind), Error = "", Status = IncidentStatus.Open,
                    FirstFailedAt = nowMs,
                };
                db.Incidents.Add(incident);
                incidents[timerId] = incident;
            }
            incident.Attempts++;
            incident.LastFailedAt = nowMs;
            incident.Error = Describe(error);
            incident.Status = IncidentStatus.Open;
            incident.ResolvedAt = null;
            incident.ResolvedBy = null;
            incident.NextRetryAt = incident.Attempts >= options.IncidentMaxAttempts
                ? null
                : nowMs + (long)RetryPolicy.DelayAfter(incident.Attempts, options.IncidentRetryBaseSeconds, options.IncidentRetryMaxSeconds).TotalMilliseconds;
        }
        await db.SaveChangesAsync(cancel);
        return timers.Count;
    }

    /// <summary>Puts the held timers whose retry time has come back in line; they are claimed with the next batch.</summary>
    public async Task<int> ReleaseDueAsync(long nowMs, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Timers
            .Where(t => t.Status == TimerStatus.Held && db.Incidents.Any(i => i.TimerId == t.Id && i.Status == IncidentStatus.Open && i.NextRetryAt <= nowMs))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Pending), cancel);
    }

    /// <summary>Resolves the open incidents whose timer is no longer waiting: a retry fired it, or a command cancelled
    /// it. One indexed statement; nothing to do on a healthy engine.</summary>
    public async Task<int> ResolveRecoveredAsync(long nowMs, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Incidents
            .Where(i => i.Status == IncidentStatus.Open && db.Timers.Any(t => t.Id == i.TimerId && t.Status != TimerStatus.Held && t.Status != TimerStatus.Pending))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, IncidentStatus.Resolved)
                .SetProperty(i => i.ResolvedAt, nowMs)
                .SetProperty(i => i.ResolvedBy, Actor.Engine.Name)
                .SetProperty(i => i.NextRetryAt, (long?)null), cancel);
    }

    /// <summary>The earliest retry time of an open incident, if any: the engine must wake for it like for a timer.</summary>
    public async Task<long?> NextRetryAsync(CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Incidents.Where(i => i.Status == IncidentStatus.Open && i.NextRetryAt != null)
            .OrderBy(i => i.NextRetryAt).Select(i => i.NextRetryAt).FirstOrDefaultAsync(cancel);
    }

    /// <summary>The engine event a timer kind raises (<c>ReportReminder</c> → <c>report-reminder</c>), the name the
    /// journal and the pages' term table use.</summary>
    private static string EventNameOf(string kind) =>
        System.Text.RegularExpressions.Regex.Replace(kind, "(?<=[a-z])(?=[A-Z])", "-").ToLowerInvariant();

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}\n{error.StackTrace}";
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
    }
}

/// <summary>A batch failed in a way no single timer explains (it could not even claim its timers: the database is
/// unreachable). Nothing was set aside; the next run tries again.</summary>
public sealed class TimerBatchException(string message, Exception inner) : Exception(message, inner);
