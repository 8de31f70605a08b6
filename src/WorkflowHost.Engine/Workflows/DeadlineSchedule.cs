using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// The timed steps of a dated assignment: reminders before the due date, the overdue instant, and the escalations after it.
/// The due date is the last day for the work (inclusive); every instant is China time (+08:00).
/// </summary>
public static class DeadlineSchedule
{
    /// <summary>The step name (and timer key) of the overdue instant.</summary>
    public const string OverdueStepName = "overdue";

    /// <summary>The trigger the runtime fires at the overdue step; every definition with a deadline has a transition for it.</summary>
    public const string OverdueTrigger = "overdue";

    /// <summary>
    /// Every step for an assignment due on <paramref name="dueDate"/>, ordered by instant, then as listed in the
    /// definition (reminders, overdue, escalations). Disabled escalations are left out. Two reminders that fall on the
    /// same instant (a 7-day reminder pushed back by 国庆 onto the last working day) are one reminder: the one listed
    /// first is kept, so a unit is not reminded twice in the same minute. Steps already in the past are included:
    /// choosing which ones still matter is the caller's business, since only it knows the time.
    /// </summary>
    /// <exception cref="ArgumentException">The definition has no deadline section (it is for ongoing tasks).</exception>
    /// <exception cref="CalendarYearMissingException">A step falls in a year without a statutory calendar.</exception>
    public static IReadOnlyList<ScheduledStep> Compute(WorkflowDefinition def, DateOnly dueDate, WorkingCalendar calendar)
    {
        var deadline = def.Deadline
            ?? throw new ArgumentException($"workflow {def.Key} applies to {def.AppliesTo} tasks and has no deadline section", nameof(def));

        var steps = new List<ScheduledStep>();
        foreach (var reminder in deadline.Reminders)
        {
            var at = ChinaTime.At(ReminderDay(reminder, dueDate, calendar), reminder.At);
            if (steps.All(s => s.At != at))
                steps.Add(new ScheduledStep(reminder.Name, StepKind.Reminder, at, null));
        }

        var overdue = deadline.Overdue;
        steps.Add(new ScheduledStep(OverdueStepName, StepKind.Overdue, ChinaTime.At(dueDate.AddDays(overdue.DaysAfterDue), overdue.At), null));

        foreach (var escalation in deadline.Escalations.Where(e => e.Enabled))
        {
            var day = calendar.AddWorkdays(dueDate, escalation.WorkdaysAfterDue);
            steps.Add(new ScheduledStep(escalation.Step, EscalationSteps.KindOf(escalation.Step), ChinaTime.At(day, escalation.At), escalation.Approval));
        }

        // OrderBy is stable, so steps at the same instant keep their definition order.
        return steps.OrderBy(s => s.At).ToList().AsReadOnly();
    }

    private static DateOnly ReminderDay(ReminderRule reminder, DateOnly dueDate, WorkingCalendar calendar) =>
        reminder.LastWorkdayBefore
            ? calendar.LastWorkdayBefore(dueDate)
            // A reminder on a day off would sit unread until the next working day, after the time it was meant to give.
            : calendar.OnOrBeforeWorkday(dueDate.AddDays(-(reminder.CalendarDaysBefore ?? 0)));
}
