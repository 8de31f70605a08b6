using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Runtime;

/// <summary>An assignment as a timer finds it.</summary>
public sealed record AssignmentState(string State, bool PastDue, int MissedReports, bool ReportSubmitted);

/// <summary>One thing that happened, for the journal (and, when <paramref name="Notify"/>, for the outbox).
/// <paramref name="EscalationStatus"/> is set for 函告/通报/约谈/曝光: <c>issued</c>, or <c>awaiting-approval</c> when the
/// working group must approve before it goes out.</summary>
public sealed record EngineEvent(string Name, string? FromState, string? ToState, string? EscalationStatus = null, bool Notify = true);

/// <summary>What firing a timer does. Skipped timers change nothing but still let their chain go on, except when the
/// assignment is closed, which ends every chain.</summary>
public sealed record TimerOutcome(IReadOnlyList<EngineEvent> Events, AssignmentState After, string? SkipReason, bool ContinueChain)
{
    public bool Skipped => SkipReason is not null;
}

/// <summary>
/// The rules for a due timer, as the plan's supervision practice has them. Pure: the caller loads the assignment and
/// persists the outcome, in one transaction, so each step happens exactly once.
/// </summary>
public static class TimerRules
{
    public static TimerOutcome Decide(WorkflowDefinition definition, StepKind kind, string? approval, AssignmentState state, bool autoApproveEscalations)
    {
        var closed = definition.FindState(state.State)?.Final == true;
        if (closed) return Skip(state, "the assignment is closed", continueChain: false);

        switch (kind)
        {
            case StepKind.Reminder:
                return definition.RoleOf(state.State) == StateRole.CompletionReview
                    ? Skip(state, "completion is awaiting review")
                    : Fire(state, new EngineEvent(EngineEvents.Reminder, state.State, state.State));
            case StepKind.Overdue:
                var overdue = WorkflowStateMachine.Fire(definition, state.State, Triggers.Overdue, pastDue: true);
                var newState = overdue.Allowed ? overdue.NewState! : state.State;
                return Fire(state with { State = newState, PastDue = true }, new EngineEvent(EngineEvents.Overdue, state.State, newState));
            case StepKind.Letter or StepKind.Circular or StepKind.Summons or StepKind.Exposure:
                return Fire(state, Escalation(EscalationName(kind), approval, state.State, autoApproveEscalations));
            case StepKind.ReportReminder or StepKind.ReportDue or StepKind.ReportMissed when AwaitsExtensionDecision(definition, state.State):
                return Skip(state, "an extension request awaits the working group's decision; reports wait for it");
            case StepKind.ReportReminder:
                return state.ReportSubmitted ? Skip(state, "the report is in") : Fire(state, new EngineEvent(EngineEvents.ReportReminder, state.State, state.State));
            case StepKind.ReportDue:
                return state.ReportSubmitted ? Skip(state, "the report is in") : Fire(state, new EngineEvent(EngineEvents.ReportDue, state.State, state.State));
            case StepKind.ReportMissed:
                if (state.ReportSubmitted) return Skip(state, "the report is in");
                var missed = state.MissedReports + 1;
                var events = new List<EngineEvent> { new(EngineEvents.ReportMissed, state.State, state.State) };
                if (MissedReportEscalation.StepFor(definition, missed) is { } rule)
                    events.Add(Escalation(rule.Step, rule.Approval, state.State, autoApproveEscalations));
                return new TimerOutcome(events, state with { MissedReports = missed }, null, true);
            case StepKind.YearEndSummary:
                return Fire(state, new EngineEvent(EngineEvents.YearEndSummary, state.State, state.State));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no rule for this timer kind");
        }
    }

    /// <summary>A reminder that fires so late that its chain's next step is due as well (after downtime): skipped.</summary>
    public static TimerOutcome Superseded(AssignmentState state) => Skip(state, "a later step of the same chain is already due");

    /// <summary>Whether report timers still run: a closed dated task stops reporting when its definition says so.</summary>
    public static bool ReportingStopped(WorkflowDefinition definition, string state) =>
        definition.Reporting.StopsWhenClosed && definition.FindState(state)?.Final == true;

    /// <summary>While an extension request awaits the working group, the unit's reports wait too: it is not asked to
    /// report, not counted as missing one, and a report it sends is refused (the decision may change what it reports on).</summary>
    public static bool AwaitsExtensionDecision(WorkflowDefinition definition, string state) =>
        definition.RoleOf(state) == StateRole.ExtensionReview;

    private static EngineEvent Escalation(string step, string? approval, string state, bool autoApprove)
    {
        var automatic = autoApprove || approval is null or "automatic";
        return new EngineEvent(step, state, state, automatic ? "issued" : "awaiting-approval");
    }

    private static string EscalationName(StepKind kind) => kind switch
    {
        StepKind.Letter => EngineEvents.Letter,
        StepKind.Circular => EngineEvents.Circular,
        StepKind.Summons => EngineEvents.Summons,
        _ => EngineEvents.Exposure,
    };

    private static TimerOutcome Fire(AssignmentState after, EngineEvent e) => new([e], after, null, true);

    private static TimerOutcome Skip(AssignmentState state, string reason, bool continueChain = true) => new([], state, reason, continueChain);
}
