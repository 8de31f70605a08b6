namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Periodic progress reports (报送). Each period's report is due on <paramref name="DueDay"/> of the period's last month,
/// clamped to that month's length and moved back to a working day; the reminder goes out
/// <paramref name="ReminderWorkdaysBefore"/> working days before that, at <paramref name="At"/>.
/// </summary>
/// <param name="StopsWhenClosed">Whether reports stop once the assignment is closed (销号); the runtime applies this.</param>
public sealed record ReportingRules(int DueDay, int ReminderWorkdaysBefore, TimeOnly At, bool StopsWhenClosed);

/// <summary>An escalation step that fires when the count of reports missed in a row reaches exactly <paramref name="ConsecutiveMissed"/>.</summary>
public sealed record MissedReportEscalationRule(string Step, int ConsecutiveMissed, string Approval);

/// <summary>
/// A year-end summary report due on <paramref name="Month"/>/<paramref name="Day"/> of each year (clamped to the month's
/// length, so 2/29 means 2/28 in other years), moved back to the preceding working day, at <paramref name="At"/>.
/// </summary>
public sealed record YearEndSummaryRule(int Month, int Day, TimeOnly At);
