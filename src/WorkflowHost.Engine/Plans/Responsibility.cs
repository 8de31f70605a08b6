namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Who carries a task, as derived from the parenthesis after its content.
/// <paramref name="Leads"/>: units that lead (牵头 / 分别牵头). <paramref name="Units"/>: every unit named, canonical names,
/// leads included, in order of first mention. <paramref name="Groups"/>: named groups (canonical group names), expanded
/// from the directory when assignments are made. <paramref name="Regions"/>: each 市州 and 兰州新区 also carries the task
/// (task 5 and, by its rule, every later task).
/// <see cref="Notes"/>: asides the text gave in brackets (「详见任务分工」), not names; kept for people to read.
/// </summary>
public sealed record Responsibility(
    string Text,
    IReadOnlyList<string> Leads,
    IReadOnlyList<string> Units,
    IReadOnlyList<string> Groups,
    bool Regions)
{
    /// <summary>Bracketed asides, in order; empty when the text has none.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
