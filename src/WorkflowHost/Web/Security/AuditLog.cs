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

    /// <summary>Longest <c>user</c> written: a sign-in name past the name rule (<see cref="UserNames.MaxLength"/>) is
    /// cut, marked with "…", so nobody can grow the append-only table with a megabyte name.</summary>
    public const int MaxUserLength = UserNames.MaxLength;
    public const int MaxTargetLength = 200;
    public const int MaxDetailLength = 500;

    public async Task WriteAsync(CurrentUser? user, string action, string? target, string outcome, string? detail = null, CancellationToken cancel = default)
    {
        var remote = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        if (outcome == Refused)
            // Name, target and detail may be anything a person typed: escaped, so no line of the log can be forged.
            log.LogWarning("refused: {User} ({Role}, unit {Unit}) from {Remote}: {Action} {Target}: {Detail}",
                LogText.Escape(user?.UserName ?? "anonymous"), user?.Role, user?.UnitId, remote, action, LogText.Escape(target), LogText.Escape(detail));
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await AuditChain.AppendAsync(db, new AuditRow
        {
            At = UnixTime.Of(clock.GetUtcNow()),
            User = Cut(user?.UserName ?? "anonymous", MaxUserLength)!,
            Role = user?.Role,
            UnitId = user?.UnitId,
            Action = action,
            Target = Cut(target, MaxTargetLength),
            Outcome = outcome,
            Detail = Cut(detail, MaxDetailLength),
            RemoteAddress = remote,
        }, cancel);
    }

    /// <summary>At most <paramref name="max"/> characters, the last one "…" when cut.</summary>
    public static string? Cut(string? text, int max) => text is { Length: var length } && length > max ? text[..(max - 1)] + "…" : text;
}
