namespace WorkflowHost.Engine.Workflows;

/// <summary>What a scheduled step does when its instant comes.</summary>
public enum StepKind
{
    Reminder,
    Overdue,
    Letter,
    Circular,
    Summons,
    Exposure,
    ReportReminder,
    ReportDue,
    ReportMissed,
    YearEndSummary,
}
