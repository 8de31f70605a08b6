using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Audit;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>One incident as the CLI, the board and the digest show it.</summary>
public sealed record IncidentEntry(
    long Id, long TimerId, long? AssignmentId, int? TaskNo, string? Unit, string Step, string Status, int Attempts,
    DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt, DateTimeOffset? NextRetryAt, string Error,
    DateTimeOffset? ResolvedAt, string? ResolvedBy)
{
    /// <summary>The first line of the error: what the board and the digest show (the CLI's <c>show</c> has it all).</summary>
    public string Summary => Error.Split('\n', 2)[0];
}

/// <summary>Incidents for operators: what failed and why, trying it again now, or giving it up. Retrying and giving up
/// are audited in the same transaction as the change.</summary>
public sealed class IncidentAdministration(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock)
{
    public static readonly string[] Statuses = [IncidentStatus.Open, IncidentStatus.Resolved];

    public async Task<IReadOnlyList<IncidentEntry>> ListAsync(string? status = IncidentStatus.Open, int limit = 200, long? id = null, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var query = db.Incidents.AsNoTracking();
        if (status is not null) query = query.Where(i => i.Status == status);
        if (id is not null) query = query.Where(i => i.Id == id);
        var rows = await (
            from i in query
            join a in db.Assignments on i.AssignmentId equals a.Id into assignments
            from a in assignments.DefaultIfEmpty()
            join t in db.PlanTasks on a.TaskId equals t.Id into tasks
            from t in tasks.DefaultIfEmpty()
            join u in db.Units on a.UnitId equals u.Id into units
            from u in units.DefaultIfEmpty()
            orderby i.Id descending
            select new { i, TaskNo = t == null ? (int?)null : t.No, Unit = u == null ? null : u.Name }).Take(limit).ToListAsync(cancel);
        return rows.Select(r => new IncidentEntry(
            r.i.Id, r.i.TimerId, r.i.AssignmentId, r.TaskNo, r.Unit, r.i.Step, r.i.Status, r.i.Attempts,
            UnixTime.ToChinaTime(r.i.FirstFailedAt), UnixTime.ToChinaTime(r.i.LastFailedAt),
            r.i.NextRetryAt is { } next ? UnixTime.ToChinaTime(next) : null, r.i.Error,
            r.i.ResolvedAt is { } at ? UnixTime.ToChinaTime(at) : null, r.i.ResolvedBy)).ToList();
    }

    public async Task<int> OpenCountAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open, cancel);
    }

    /// <summary>Asks the engine to try the timer again at its next run (after a repair, or when its attempts ran out):
    /// one more attempt. Returns null when done, otherwise why not.</summary>
    public Task<string?> RetryAsync(long id, AuditRow audit, CancellationToken cancel = default) =>
        ChangeAsync(id, audit, (db, incident) =>
        {
            incident.NextRetryAt = UnixTime.Of(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancel);

    /// <summary>Gives the timer up: it never fires (its chain of later steps ends with it), and the incident is
    /// resolved by <paramref name="audit"/>'s user. Returns null when done, otherwise why not.</summary>
    public Task<string?> ResolveAsync(long id, AuditRow audit, CancellationToken cancel = default) =>
        ChangeAsync(id, audit, async (db, incident) =>
        {
            var now = UnixTime.Of(clock.GetUtcNow());
            await db.Timers.Where(t => t.Id == incident.TimerId && (t.Status == TimerStatus.Held || t.Status == TimerStatus.Pending))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Skipped).SetProperty(t => t.FiredAt, now), cancel);
            incident.Status = IncidentStatus.Resolved;
            incident.ResolvedAt = now;
            incident.ResolvedBy = audit.User;
            incident.NextRetryAt = null;
        }, cancel);

    private async Task<string?> ChangeAsync(long id, AuditRow audit, Func<WorkflowDbContext, IncidentRow, Task> change, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancel);
        if (incident is null) return $"no incident {id}";
        if (incident.Status != IncidentStatus.Open) return $"incident {id} is {incident.Status}; only open incidents are retried or resolved";
        await change(db, incident);
        await db.SaveChangesAsync(cancel);
        audit.Target = $"incident:{id}";
        await AuditChain.AppendAsync(db, audit, cancel);
        await transaction.CommitAsync(cancel);
        return null;
    }
}
