using WorkflowHost.Infrastructure.Audit;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Cli;

/// <summary>Administrative verbs leave an audit entry too: who (the operating-system account), what, from the console.</summary>
public static class CliAudit
{
    public static async Task WriteAsync(WorkflowDbContext db, TimeProvider clock, string action, string? target, string? detail, CancellationToken cancel)
    {
        await AuditChain.AppendAsync(db, new AuditRow
        {
            At = UnixTime.Of(clock.GetUtcNow()),
            User = $"cli:{Environment.UserName}",
            Role = "administrator",
            Action = action,
            Target = target,
            Outcome = "done",
            Detail = detail,
            RemoteAddress = "console",
        }, cancel);
    }
}
