namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// One reporting period of an assignment and its three instants (China time).
/// <paramref name="Key"/> names the period: <c>2024-03</c>, <c>2024-Q1</c>, <c>2024-H1</c> or <c>2024</c>.
/// <paramref name="DueDate"/> is a working day; <paramref name="DueAt"/> is the reporting time of day on it (the moment
/// the report is shown as due), and <paramref name="MissedAt"/> the same time on the next working day, when a report that
/// has not arrived is missed (催报).
/// </summary>
public sealed record ReportPeriod(
    string Key,
    DateOnly Start,
    DateOnly End,
    DateOnly DueDate,
    DateTimeOffset ReminderAt,
    DateTimeOffset DueAt,
    DateTimeOffset MissedAt)
{
    /// <summary>The period's three steps as timers, named <c>report-reminder:{Key}</c>, <c>report-due:{Key}</c>, <c>report-missed:{Key}</c>.</summary>
    public IReadOnlyList<ScheduledStep> Steps() =>
    [
        new($"report-reminder:{Key}", StepKind.ReportReminder, ReminderAt, null),
        new($"report-due:{Key}", StepKind.ReportDue, DueAt, null),
        new($"report-missed:{Key}", StepKind.ReportMissed, MissedAt, null),
    ];
}
