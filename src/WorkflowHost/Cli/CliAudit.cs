using WorkflowHost.Infrastructure.Audit;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Cli;

/// <summary>Administrative verbs leave an audit entry too: who (the operating-system account), what, from the console.</summary>
public static class CliAudit
{
    public static Task WriteAsync(WorkflowDbContext db, TimeProvider clock, string action, string? target, string? detail, CancellationToken cancel) =>
        AuditChain.AppendAsync(db, Entry(clock, action, target, detail), cancel);

    /// <summary>The entry, for a change that appends it in its own transaction.</summary>
    public static AuditRow Entry(TimeProvider clock, string action, string? target, string? detail) => new()
    {
        At = UnixTime.Of(clock.GetUtcNow()),
        User = $"cli:{Environment.UserName}",
        Role = "administrator",
        Action = action,
        Target = target,
        Outcome = "done",
        Detail = detail,
        RemoteAddress = "console",
    };
}
