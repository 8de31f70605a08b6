namespace WorkflowHost.Engine.Workflows;

/// <summary>The wire words a definition's <c>appliesTo</c> may use, and the deadline kind each one serves.</summary>
public static class AppliesToValues
{
    public const string Due = "due";
    public const string Ongoing = "ongoing";

    public static IReadOnlyList<string> All { get; } = [Due, Ongoing];
}

/// <summary>Who may fire a transition: the responsible unit, the working group (工作专班), whoever reviews the assignment
/// (its parent's unit — the lead for a co-unit's share, the city for work it handed down — and the working group
/// always), or the engine's own timers.</summary>
public static class Actors
{
    public const string Unit = "unit";
    public const string WorkingGroup = "working-group";
    public const string Reviewer = "reviewer";
    public const string Timer = "timer";

    public static IReadOnlyList<string> All { get; } = [Unit, WorkingGroup, Reviewer, Timer];
}

/// <summary>Whether an escalation goes out by itself or waits until the working group approves it.</summary>
public static class Approvals
{
    public const string Automatic = "automatic";
    public const string WorkingGroup = "working-group";

    public static IReadOnlyList<string> All { get; } = [Automatic, WorkingGroup];
}

/// <summary>The triggers the product's commands and timers fire. A definition's transitions say where each leads; where
/// the product depends on what that state means, the state must have the role <see cref="Leads"/> names.</summary>
public static class Triggers
{
    public const string Apply = "apply";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string RequestExtension = "request-extension";
    public const string ApproveExtension = "approve-extension";
    public const string RefuseExtension = "refuse-extension";
    public const string Overdue = "overdue";
    /// <summary>撤回: the unit takes back its own application or request while it still waits for a decision.</summary>
    public const string Withdraw = "withdraw";

    public static readonly IReadOnlyDictionary<string, StateRole> Leads = new Dictionary<string, StateRole>
    {
        [Apply] = StateRole.CompletionReview,
        [Approve] = StateRole.Closed,
        [RequestExtension] = StateRole.ExtensionReview,
        [Overdue] = StateRole.Overdue,
    };
}
