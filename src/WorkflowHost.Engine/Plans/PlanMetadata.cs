namespace WorkflowHost.Engine.Plans;

/// <summary>
/// What a plan folder's <c>plan.json</c> says beside the task list: the plan's facts, where the list is, and the
/// reporting cadences the working group configured (the document itself sets none).
/// </summary>
public sealed record PlanMetadata(
    PlanInfo Info,
    string Source,
    Cadence DefaultReportingCadence,
    IReadOnlyDictionary<int, Cadence> TaskReportingCadence);
