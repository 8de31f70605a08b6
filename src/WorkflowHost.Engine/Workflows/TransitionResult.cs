namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// The outcome of a command against a workflow: the state to move to, or a refusal sentence to show the person who
/// gave the command (Chinese first, English in parentheses for logs and support).
/// </summary>
public sealed record TransitionResult(bool Allowed, string? NewState, string? Refusal)
{
    public static TransitionResult To(string newState) => new(true, newState, null);

    public static TransitionResult Refused(string refusal) => new(false, null, refusal);
}
