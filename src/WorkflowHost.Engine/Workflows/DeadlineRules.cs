namespace WorkflowHost.Engine.Workflows;

/// <summary>The timed steps around a due date (the <c>deadline</c> section). Times of day are China time.</summary>
public sealed record DeadlineRules(
    IReadOnlyList<ReminderRule> Reminders,
    OverdueRule Overdue,
    IReadOnlyList<EscalationRule> Escalations);

/// <summary>
/// A reminder before the due date: either <paramref name="CalendarDaysBefore"/> calendar days before it (moved back to the
/// preceding working day when that day is not one) or, with <paramref name="LastWorkdayBefore"/>, on the last working day
/// before it. Exactly one of the two is given.
/// </summary>
public sealed record ReminderRule(string Name, int? CalendarDaysBefore, bool LastWorkdayBefore, TimeOnly At);

/// <summary>
/// When the assignment becomes overdue: <paramref name="DaysAfterDue"/> calendar days after the due date, at
/// <paramref name="At"/>. The due date is the last day for the work, so the usual rule is 00:00 on the next day.
/// </summary>
public sealed record OverdueRule(int DaysAfterDue, TimeOnly At);

/// <summary>
/// An escalation step (<see cref="EscalationSteps"/>) on the <paramref name="WorkdaysAfterDue"/>-th working day after the
/// due date. <paramref name="Approval"/> says whether it goes out by itself; a disabled step is kept in the file so that
/// switching it on is a one-word change, but it is never scheduled.
/// </summary>
public sealed record EscalationRule(string Step, int WorkdaysAfterDue, TimeOnly At, string Approval, bool Enabled = true);
