namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// The sentences a refused command gets: <c>不能{操作}:{原因} (cannot {trigger}: {reason}; current state {状态})</c>.
/// </summary>
internal static class RefusalText
{
    /// <summary>
    /// The reason comes from, in order: a final state (nothing is possible there, whatever the command), the
    /// transition's own precondition (审核 needs a pending application, wherever the assignment is), the current state's
    /// explanation of what it is waiting for (已有延期申请待审核), and last a generic sentence naming the state.
    /// </summary>
    public static string NotPermitted(WorkflowState current, WorkflowTransition transition)
    {
        var reason = current is { Final: true, Refusal: { } final }
            ? final
            : transition.Refusal ?? current.Refusal ?? Generic(current);
        return Sentence(transition, reason, current);
    }

    public static string ReasonMissing(WorkflowState current, WorkflowTransition transition) =>
        Sentence(transition, new RefusalReason("必须填写理由", "a reason is required"), current);

    public static string UnknownTrigger(WorkflowDefinition definition, WorkflowState current, string trigger)
    {
        var known = definition.Transitions.Select(t => t.Trigger).Distinct().ToList();
        var knownText = known.Count == 0 ? "it has no commands" : $"it knows {string.Join(", ", known)}";
        return $"未知操作“{trigger}”:流程“{definition.Title}”没有这个操作 " +
               $"(unknown trigger '{trigger}': workflow {definition.Key} has no such command; {knownText}; current state {current.Title})";
    }

    private static RefusalReason Generic(WorkflowState current) =>
        new($"当前状态“{current.Title}”下不能执行此操作", $"not permitted in state '{current.Name}'");

    private static string Sentence(WorkflowTransition transition, RefusalReason reason, WorkflowState current) =>
        $"不能{transition.Title}:{reason.Zh} (cannot {transition.Trigger}: {reason.En}; current state {current.Title})";
}
