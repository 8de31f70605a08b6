namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>What a command from a person came to: done (with the assignment's new state), or refused with a reason
/// the person can act on.</summary>
public sealed record CommandResult(bool Succeeded, string? NewState, string? Refusal)
{
    public static CommandResult Done(string? newState) => new(true, newState, null);

    public static CommandResult Refused(string reason) => new(false, null, reason);
}
