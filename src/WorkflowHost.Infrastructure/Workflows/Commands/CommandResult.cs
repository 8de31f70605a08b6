namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>Why a command was refused, so the web and the API answer 404/403/409/400 without reading the text.</summary>
public enum RefusalKind
{
    /// <summary>No such assignment or escalation.</summary>
    NotFound,
    /// <summary>This person may not do this to this assignment.</summary>
    Forbidden,
    /// <summary>The workflow does not allow it now (already applied, already closed, a decision pending).</summary>
    Conflict,
    /// <summary>The input itself is wrong (empty text, a figure out of range).</summary>
    Invalid,
}

/// <summary>What a command from a person came to: done (with the assignment's new state), or refused with a reason
/// the person can act on and its kind.</summary>
public sealed record CommandResult(bool Succeeded, string? NewState, string? Refusal, RefusalKind? Kind = null)
{
    /// <summary>The assignments the command created (下达: the new children), in the order asked for.</summary>
    public IReadOnlyList<long> Created { get; init; } = [];

    public static CommandResult Done(string? newState) => new(true, newState, null);

    /// <summary>Refused because of where the workflow stands (<see cref="RefusalKind.Conflict"/>).</summary>
    public static CommandResult Refused(string reason) => Refused(RefusalKind.Conflict, reason);

    public static CommandResult Refused(RefusalKind kind, string reason) => new(false, null, reason, kind);
}
