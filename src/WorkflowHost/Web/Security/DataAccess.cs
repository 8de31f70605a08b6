using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Security;

public enum Access
{
    Allowed,
    NotFound,
    Refused,
}

/// <summary>Data-level read checks: a unit reads its own assignments, files and documents and those of the shares
/// under its own (a lead its co-units', a city its 县区'), never a sibling's. Every refusal is written to the audit log
/// (and logged as a warning) with who asked for what from where.</summary>
public sealed class DataAccess(IDbContextFactory<WorkflowDbContext> contexts, AuditLog audit)
{
    public async Task<Access> AssignmentAsync(CurrentUser user, long assignmentId, string action, CancellationToken cancel) =>
        await DecideAsync(user, assignmentId, action, $"assignment:{assignmentId}", cancel);

    public async Task<Access> EscalationAsync(CurrentUser user, long escalationId, string action, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var assignment = await db.Escalations.Where(e => e.Id == escalationId).Select(e => (long?)e.AssignmentId).SingleOrDefaultAsync(cancel);
        return await DecideAsync(user, assignment, action, $"escalation:{escalationId}", cancel);
    }

    public async Task<Access> FileAsync(CurrentUser user, EvidenceFileRow? file, long fileId, CancellationToken cancel) =>
        await DecideAsync(user, file?.AssignmentId, "download-file", $"file:{fileId}", cancel);

    /// <summary>The units that may read an assignment besides the working group: its own and every one above it in its
    /// tree, nearest first (empty when there is no such assignment).</summary>
    public async Task<List<long>> ReadersAsync(long assignmentId, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var readers = new List<long>();
        for (long? at = assignmentId; at is { } id && readers.Count < MaxDepth;)
        {
            var row = await db.Assignments.Where(a => a.Id == id).Select(a => new { a.UnitId, a.ParentId }).SingleOrDefaultAsync(cancel);
            if (row is null) break;
            readers.Add(row.UnitId);
            at = row.ParentId;
        }
        return readers;
    }

    /// <summary>Deeper than any directory goes (province → city → county → department); a guard, not a rule.</summary>
    private const int MaxDepth = 16;

    private async Task<Access> DecideAsync(CurrentUser user, long? assignmentId, string action, string target, CancellationToken cancel)
    {
        if (assignmentId is null) return Access.NotFound;
        var readers = await ReadersAsync(assignmentId.Value, cancel);
        if (readers.Count == 0) return Access.NotFound;
        if (readers.Any(user.MaySee)) return Access.Allowed;
        await audit.WriteAsync(user, action, target, AuditLog.Refused, $"belongs to unit {readers[0]}", cancel);
        return Access.Refused;
    }
}
