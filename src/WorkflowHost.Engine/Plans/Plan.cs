namespace WorkflowHost.Engine.Plans;

/// <summary>The plan's own facts: which year's list, its title, who issued it and when.</summary>
public sealed record PlanInfo(int Year, string Title, string Issuer, DateOnly IssuedOn);

/// <summary>One numbered task with its deadline and responsibility interpreted for the plan's year.
/// <paramref name="ReportingCadence"/> is how often each responsible unit reports progress on it.</summary>
public sealed record PlanTask(
    int No,
    string Content,
    string? Action,
    Deadline Deadline,
    Responsibility Responsibility,
    Cadence ReportingCadence)
{
    /// <summary>分别牵头: which lead each other unit of the task reports to (unit → lead), from the plan folder's
    /// configuration — the document does not say; empty: they report to the working group.</summary>
    public IReadOnlyDictionary<string, string> LeadOf { get; init; } = new Dictionary<string, string>();
}

/// <summary>A year's task list, fully interpreted. <paramref name="SourceHash"/> identifies the source text, so
/// importing the same source twice is recognised and changes nothing.</summary>
public sealed record Plan(PlanInfo Info, IReadOnlyList<PlanTask> Tasks, string SourceHash);
