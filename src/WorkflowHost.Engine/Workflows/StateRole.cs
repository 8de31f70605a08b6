namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// What a state means to the product, declared by the definition (<c>"role"</c>, or <c>"final": true</c>), so that
/// rules, pages, mails and documents ask "is this the overdue state?" and never spell a state's name. A definition may
/// rename its states freely; the roles stay.
/// </summary>
public enum StateRole
{
    /// <summary>The unit is at work (推进中, 持续推进): the default.</summary>
    Working,
    /// <summary>Past its due date and not closed (已逾期): where the overdue timer leads.</summary>
    Overdue,
    /// <summary>A completion application awaits the working group (申请办结): where <c>apply</c> leads.</summary>
    CompletionReview,
    /// <summary>An extension request awaits the working group (申请延期): where <c>request-extension</c> leads.</summary>
    ExtensionReview,
    /// <summary>Ended (已销号): the final state.</summary>
    Closed,
}

/// <summary>The wire words of <c>"role"</c> in a definition file (<see cref="StateRole.Closed"/> is written <c>"final": true</c>).</summary>
public static class StateRoles
{
    public static readonly IReadOnlyDictionary<string, StateRole> ByWord = new Dictionary<string, StateRole>
    {
        ["overdue"] = StateRole.Overdue,
        ["completion-review"] = StateRole.CompletionReview,
        ["extension-review"] = StateRole.ExtensionReview,
    };

    /// <summary>Whether the working group has something to decide in a state of this role.</summary>
    public static bool AwaitsDecision(this StateRole role) => role is StateRole.CompletionReview or StateRole.ExtensionReview;

    /// <summary>The one overdue rule: not closed, and past its due date or in the overdue state.</summary>
    public static bool IsOverdue(this StateRole role, bool pastDue) => role switch
    {
        StateRole.Closed => false,
        StateRole.Overdue => true,
        _ => pastDue,
    };

    /// <summary>Whether the unit still has work to do (report, apply, ask for more time).</summary>
    public static bool UnitActs(this StateRole role) => role is StateRole.Working or StateRole.Overdue;
}
