using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>One row as the CLI and the web app show it.</summary>
public sealed record OutboxEntry(
    long Id, string Key, string Kind, string Status, string Recipient, long? AssignmentId, DateTimeOffset CreatedAt,
    int Attempts, string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? DigestKey);

/// <summary>The outbox for operators: what is pending, sent or failed and why, and putting a dead row back in line.</summary>
public sealed class OutboxAdministration(IDbContextFactory<WorkflowDbContext> contexts, MailOptions options)
{
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string? status = null, int limit = 200, CancellationToken cancel = default)
    {
        if (status is not null && !OutboxStatus.All.Contains(status))
            throw new ArgumentException($"unknown status '{status}'; one of {string.Join(", ", OutboxStatus.All)}", nameof(status));
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var query = db.Outbox.AsNoTracking();
        if (status is not null) query = query.Where(o => o.Status == status);
        var rows = await (
            from o in query
            join u in db.Units on o.UnitId equals u.Id into units
            from u in units.DefaultIfEmpty()
            orderby o.Id descending
            select new { o, Unit = u == null ? null : u.Name }).Take(limit).ToListAsync(cancel);
        return rows.Select(r => new OutboxEntry(
            r.o.Id, r.o.Key, r.o.Kind, r.o.Status, r.Unit ?? $"工作专班 <{options.WorkingGroupAddress}>", r.o.AssignmentId,
            UnixTime.ToChinaTime(r.o.CreatedAt), r.o.Attempts, r.o.LastError,
            r.o.NextAttemptAt is { } next ? UnixTime.ToChinaTime(next) : null,
            r.o.SentAt is { } sent ? UnixTime.ToChinaTime(sent) : null, r.o.DigestKey)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Outbox.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
    }

    /// <summary>Puts a dead-lettered row back in line for the next dispatch, with a fresh set of attempts; its last error
    /// stays visible until it is sent. Returns null when done, otherwise why not.</summary>
    public async Task<string?> RetryAsync(long id, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var row = await db.Outbox.SingleOrDefaultAsync(o => o.Id == id, cancel);
        if (row is null) return $"no outbox row {id}";
        if (row.Status != OutboxStatus.Failed) return $"outbox row {id} is {row.Status}; only failed rows are retried";
        row.Status = OutboxStatus.Pending;
        row.Attempts = 0;
        row.NextAttemptAt = null;
        await db.SaveChangesAsync(cancel);
        return null;
    }
}
