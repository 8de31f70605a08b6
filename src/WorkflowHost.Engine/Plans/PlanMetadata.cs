namespace WorkflowHost.Engine.Plans;

/// <summary>
/// What a plan folder's <c>plan.json</c> says beside the task list: the plan's facts, where the list is, and the
/// reporting cadences the working group configured (the document itself sets none).
/// </summary>
public sealed record PlanMetadata(
    PlanInfo Info,
    string Source,
    Cadence DefaultReportingCadence,
    IReadOnlyDictionary<int, Cadence> TaskReportingCadence)
{
    /// <summary>The heading the list stands under in its document (「2024年重点工作任务清单」); null: found by its form.</summary>
    public string? AnnexTitle { get; init; }

    /// <summary>The deadline of every task that gives none (often the covering notice's 「6月底和年底前」); null: none.</summary>
    public string? DefaultDeadline { get; init; }

    /// <summary>Table columns named otherwise than usual: field (no, content, lead, co, responsibility, deadline,
    /// section) → the header the table uses.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Configuration, not the document: for a task with several leads (分别牵头), which lead each other unit
    /// reports to — task number → unit → lead (plan.json <c>leadOf</c>).</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> LeadOf { get; init; } = new Dictionary<int, IReadOnlyDictionary<string, string>>();
}
