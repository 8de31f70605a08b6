namespace WorkflowHost.Engine.Plans;

/// <summary>
/// One task as it stands in a source (the annex text or an exchanged table), before its deadline and
/// responsibility are interpreted. <paramref name="Line"/> is the 1-based line (or table row) it came from.
/// </summary>
public sealed record RawPlanTask(
    int No,
    string Content,
    string ResponsibilityText,
    string DeadlineText,
    string? Action,
    int Line);
