using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Security;

public enum Access
{
    Allowed,
    NotFound,
    Refused,
}

/// <summary>Data-level read checks: a unit reads only its own assignments, files and documents. Every refusal is
/// written to the audit log (and logged as a warning) with who asked for what from where.</summary>
public sealed class DataAccess(IDbContextFactory<WorkflowDbContext> contexts, AuditLog audit)
{
    public async Task<Access> AssignmentAsync(CurrentUser user, long assignmentId, string action, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var unit = await db.Assignments.Where(a => a.Id == assignmentId).Select(a => (long?)a.UnitId).SingleOrDefaultAsync(cancel);
        return await DecideAsync(user, unit, action, $"assignment:{assignmentId}", cancel);
    }

    public async Task<Access> EscalationAsync(CurrentUser user, long escalationId, string action, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var unit = await (from e in db.Escalations
                          join a in db.Assignments on e.AssignmentId equals a.Id
                          where e.Id == escalationId
                          select (long?)a.UnitId).SingleOrDefaultAsync(cancel);
        return await DecideAsync(user, unit, action, $"escalation:{escalationId}", cancel);
    }

    public async Task<Access> FileAsync(CurrentUser user, EvidenceFileRow? file, long fileId, CancellationToken cancel) =>
        await DecideAsync(user, file?.UnitId, "download-file", $"file:{fileId}", cancel);

    private async Task<Access> DecideAsync(CurrentUser user, long? unitId, string action, string target, CancellationToken cancel)
    {
        if (unitId is null) return Access.NotFound;
        if (user.MaySee(unitId.Value)) return Access.Allowed;
        await audit.WriteAsync(user, action, target, AuditLog.Refused, $"belongs to unit {unitId}", cancel);
        return Access.Refused;
    }
}
