using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// One version of a workflow, as read from <c>workflows/{id}.v{version}.json</c>. An assignment runs the version it
/// started with for its whole life, so a changed workflow is a new file with a higher version, never an edit.
/// </summary>
/// <param name="AppliesTo"><see cref="AppliesToValues.Due"/> for tasks with a date, <see cref="AppliesToValues.Ongoing"/> for 长期坚持.</param>
/// <param name="Deadline">Reminders, overdue and escalations around the due date; present exactly when <paramref name="AppliesTo"/> is due.</param>
/// <param name="MissedReportEscalations">Escalations by the number of reports missed in a row; empty when none apply.</param>
/// <param name="YearEndSummary">A yearly summary report (年度总结), or null.</param>
/// <param name="SignOff">Whether what a unit's clerk sends out of the unit (a report, an application, an extension
/// request, a decision on a child's share) waits for the unit leader's 签发; a leader's own submission never does.</param>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    string AppliesTo,
    string Title,
    string InitialState,
    IReadOnlyList<WorkflowState> States,
    IReadOnlyList<WorkflowTransition> Transitions,
    DeadlineRules? Deadline,
    ReportingRules Reporting,
    IReadOnlyList<MissedReportEscalationRule> MissedReportEscalations,
    YearEndSummaryRule? YearEndSummary,
    bool SignOff = false)
{
    /// <summary>The kind of plan deadline this definition serves.</summary>
    public DeadlineKind Kind => AppliesTo == AppliesToValues.Due ? DeadlineKind.Due : DeadlineKind.Ongoing;

    /// <summary><c>dated-task.v1</c>: how people and file names refer to this version.</summary>
    public string Key => $"{Id}.v{Version}";

    public WorkflowState? FindState(string name) => States.FirstOrDefault(s => s.Name == name);

    /// <summary>The role of <paramref name="state"/>; a name the definition does not declare is <see cref="StateRole.Working"/>.</summary>
    public StateRole RoleOf(string state) => FindState(state)?.Role ?? StateRole.Working;

    /// <summary>The state with <paramref name="role"/>, or null when the definition has none.</summary>
    public WorkflowState? StateWith(StateRole role) => States.FirstOrDefault(s => s.Role == role);

    /// <exception cref="ArgumentException">The definition has no state of that name.</exception>
    public WorkflowState State(string name) =>
        FindState(name) ?? throw new ArgumentException($"workflow {Key} has no state '{name}'", nameof(name));
}

/// <summary>A state an assignment can be in. <paramref name="Title"/> is what people see (推进中).</summary>
/// <param name="Refusal">
/// Why commands without their own refusal text are refused while in this state (已有延期申请待审核); for a final state,
/// why every command is refused.
/// </param>
/// <param name="Role">What the state means to the product (<see cref="StateRole"/>); a final state is <see cref="StateRole.Closed"/>.</param>
public sealed record WorkflowState(string Name, string Title, bool Final = false, RefusalReason? Refusal = null, StateRole Role = StateRole.Working)
{
    /// <summary>The role, with a final state always <see cref="StateRole.Closed"/> (also when built in code without one).</summary>
    public StateRole Role { get; init; } = Final ? StateRole.Closed : Role;
}

/// <summary>
/// A command (<paramref name="Trigger"/>) that moves an assignment from any of <paramref name="From"/> to
/// <paramref name="To"/>, or to <paramref name="ToWhenPastDue"/> when given and the due date has passed (a rejected
/// completion application goes back to 已逾期, not 推进中, once the deadline is gone).
/// </summary>
/// <param name="Actor">Who may fire it (<see cref="Actors"/>); the runtime checks this, the state machine does not.</param>
/// <param name="RequiresReason">Whether the command must carry a reason (退回, 申请延期).</param>
/// <param name="Refusal">Why this command is refused wherever it is not permitted (该任务尚未申请办结).</param>
public sealed record WorkflowTransition(
    string Trigger,
    string Title,
    IReadOnlyList<string> From,
    string To,
    string? ToWhenPastDue,
    string Actor,
    bool RequiresReason = false,
    RefusalReason? Refusal = null);

/// <summary>The reason half of a refusal, in Chinese for the people using the system and in English for logs.</summary>
public sealed record RefusalReason(string Zh, string En);
