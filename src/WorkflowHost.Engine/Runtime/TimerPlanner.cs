using System.Collections.Concurrent;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Plans an assignment's timers: the first of each chain when its workflow starts, and the next one whenever one
/// fires. Schedules depend only on (definition, due date) and (definition, cadence), shared by thousands of
/// assignments, so they are computed once and cached.
/// </summary>
public sealed class TimerPlanner(WorkingCalendar calendar)
{
    private readonly ConcurrentDictionary<(string, DateOnly), IReadOnlyList<ScheduledStep>> _deadlineSteps = new();
    private readonly ConcurrentDictionary<(string, Cadence, int), IReadOnlyList<(ScheduledStep Step, string Period)>> _reportSteps = new();

    public WorkingCalendar Calendar => calendar;

    /// <summary>
    /// The first timer of each chain for a workflow starting at <paramref name="now"/>. Steps already past are
    /// treated by kind: reminders (deadline or report) are skipped, since reminding of a past date helps nobody;
    /// overdue and escalation steps are kept, so they fire at once, in order, each once. Reporting begins with the
    /// first whole period ahead.
    /// </summary>
    public IReadOnlyList<PlannedTimer> Start(AssignmentSchedule schedule, DateTimeOffset now)
    {
        var timers = new List<PlannedTimer>();
        if (schedule.DueDate is { } due)
        {
            var first = DeadlineSteps(schedule.Definition, due).FirstOrDefault(s => !IsReminder(s.Kind) || s.At >= now);
            if (first is not null) timers.Add(Deadline(first, due));
        }
        // Reporting starts with the first period whose reminder is still ahead: a unit is never chased for a report
        // it could not have been reminded of.
        var report = ReportSteps(schedule).FirstOrDefault(s => s.Step.Kind == StepKind.ReportReminder && s.Step.At >= now);
        if (report.Step is not null) timers.Add(Report(report));
        if (YearEndSummarySchedule.Compute(schedule.Definition, schedule.PlanYear, calendar) is { } yearEnd && yearEnd.At >= now)
            timers.Add(new PlannedTimer(yearEnd.Name, yearEnd.Kind, yearEnd.At, TimerChain.YearEnd));
        return timers;
    }

    /// <summary>The timer after <paramref name="fired"/> in its chain, or null when the chain is done.</summary>
    public PlannedTimer? Next(AssignmentSchedule schedule, PlannedTimer fired)
    {
        switch (fired.Chain)
        {
            case TimerChain.Deadline when schedule.DueDate is { } due:
                var steps = DeadlineSteps(schedule.Definition, due);
                var at = IndexOf(steps, s => Deadline(s, due).Name == fired.Name);
                return at >= 0 && at + 1 < steps.Count ? Deadline(steps[at + 1], due) : null;
            case TimerChain.Report:
                var reports = ReportSteps(schedule);
                var index = IndexOf(reports, s => s.Step.Name == fired.Name);
                return index >= 0 && index + 1 < reports.Count ? Report(reports[index + 1]) : null;
            default:
                return null;
        }
    }

    /// <summary>The deadline chain for a new due date (after an extension), from <paramref name="now"/> on.</summary>
    public PlannedTimer? RestartDeadline(AssignmentSchedule schedule, DateTimeOffset now) =>
        Start(schedule, now).FirstOrDefault(t => t.Chain == TimerChain.Deadline);

    private IReadOnlyList<ScheduledStep> DeadlineSteps(WorkflowDefinition definition, DateOnly due) =>
        _deadlineSteps.GetOrAdd((definition.Key, due), _ => DeadlineSchedule.Compute(definition, due, calendar));

    /// <summary>Every report step of the assignment's reporting window, in time order. A dated task reports until it is
    /// closed, at most to the end of the calendar's last year; an ongoing task reports through its plan year.</summary>
    private IReadOnlyList<(ScheduledStep Step, string Period)> ReportSteps(AssignmentSchedule schedule)
    {
        var lastYear = schedule.Definition.Kind == DeadlineKind.Due ? calendar.Years.Max() : schedule.PlanYear;
        return _reportSteps.GetOrAdd((schedule.Definition.Key, schedule.ReportingCadence, lastYear), key =>
        {
            var periods = ReportingSchedule.Compute(schedule.Definition, key.Item2, new DateOnly(schedule.PlanYear, 1, 1), new DateOnly(key.Item3, 12, 31), calendar);
            return periods.SelectMany(p => p.Steps().Select(step => (step, p.Key))).OrderBy(s => s.step.At).ToList();
        });
    }

    private static PlannedTimer Deadline(ScheduledStep step, DateOnly due) =>
        new($"{step.Name}@{due:yyyy-MM-dd}", step.Kind, step.At, TimerChain.Deadline);

    private static PlannedTimer Report((ScheduledStep Step, string Period) report) =>
        new(report.Step.Name, report.Step.Kind, report.Step.At, TimerChain.Report, report.Period);

    private static bool IsReminder(StepKind kind) => kind is StepKind.Reminder;

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Count; i++)
            if (match(items[i])) return i;
        return -1;
    }
}
