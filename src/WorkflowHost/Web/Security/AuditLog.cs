using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Audit;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Security;

/// <summary>Writes the audit log: every action people take through pages or the API, with who, when (on the
/// product's clock) and from where; refused attempts are also logged as warnings, since they may be probing. Entries
/// are hash-chained (<see cref="AuditChain"/>); <c>audit verify</c> detects tampering.</summary>
public sealed class AuditLog(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock, IHttpContextAccessor http, ILogger<AuditLog> log)
{
    public const string Done = "done";
    public const string Refused = "refused";

    public async Task WriteAsync(CurrentUser? user, string action, string? target, string outcome, string? detail = null, CancellationToken cancel = default)
    {
        var remote = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        if (outcome == Refused)
            log.LogWarning("refused: {User} ({Role}, unit {Unit}) from {Remote}: {Action} {Target}: {Detail}",
                user?.UserName ?? "anonymous", user?.Role, user?.UnitId, remote, action, target, detail);
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await AuditChain.AppendAsync(db, new AuditRow
        {
            At = UnixTime.Of(clock.GetUtcNow()),
            User = user?.UserName ?? "anonymous",
            Role = user?.Role,
            UnitId = user?.UnitId,
            Action = action,
            Target = target,
            Outcome = outcome,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
            RemoteAddress = remote,
        }, cancel);
    }
}
