namespace WorkflowHost.Engine.Workflows;

/// <summary>Escalation of an ongoing assignment whose periodic reports keep not arriving.</summary>
public static class MissedReportEscalation
{
    /// <summary>
    /// The step that fires when the run of missed reports reaches <paramref name="consecutiveMissed"/>, or null.
    /// Only the exact threshold fires: a unit that misses a fifth report after a summons at four is not summoned again
    /// by this rule, and a report that arrives resets the count.
    /// </summary>
    public static MissedReportEscalationRule? StepFor(WorkflowDefinition def, int consecutiveMissed) =>
        def.MissedReportEscalations.FirstOrDefault(e => e.ConsecutiveMissed == consecutiveMissed);
}
