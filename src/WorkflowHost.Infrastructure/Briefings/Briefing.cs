namespace WorkflowHost.Infrastructure.Briefings;

/// <summary>
/// A monthly briefing (简报) as the engine assembles it from the month's reports, in the shape of a city's
/// 「十大行动 4月份工作简况」: progress per action with the figures units reported, who has not reported, and what
/// was escalated. Stored as JSON in <c>briefings.content</c>; documents and pages render it.
/// </summary>
public sealed record Briefing(
    string Month,
    string Title,
    DateTimeOffset AssembledAt,
    BriefingTotals Totals,
    IReadOnlyList<BriefingSection> Sections,
    IReadOnlyList<BriefingLapse> MissingReports,
    IReadOnlyList<BriefingEscalation> Escalations);

/// <summary>Counts across every assignment of the plan at the moment of assembly, and the month's report counts.</summary>
public sealed record BriefingTotals(int Assignments, int Closed, int ClosedThisMonth, int Overdue, int ReportsDue, int ReportsReceived);

/// <summary>One action (八大行动, or 「其他重点工作」 for tasks outside them): its tasks and the figures reported for
/// them, summed by figure name.</summary>
public sealed record BriefingSection(string Action, IReadOnlyList<BriefingTaskLine> Tasks, IReadOnlyDictionary<string, decimal> Figures);

public sealed record BriefingTaskLine(int TaskNo, string Content, int Reports, IReadOnlyList<BriefingExcerpt> Excerpts);

public sealed record BriefingExcerpt(string Unit, string Text);

/// <summary>A report that came due in the month and was missed (催报 sent).</summary>
public sealed record BriefingLapse(int TaskNo, string Unit);

/// <summary>A 函告/通报/约谈/曝光 raised in the month; status issued, awaiting-approval or withdrawn.</summary>
public sealed record BriefingEscalation(int TaskNo, string Unit, string Step, string Status);
