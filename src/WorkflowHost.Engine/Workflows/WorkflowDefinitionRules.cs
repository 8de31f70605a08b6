using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Whether a definition's parts fit together: states and transitions, the deadline section, reporting and escalations.
/// Returns problems instead of throwing so that each caller can say where the definition came from.
/// </summary>
internal static partial class WorkflowDefinitionRules
{
    public static IReadOnlyList<string> FindProblems(WorkflowDefinition definition)
    {
        var problems = new List<string>();
        CheckIdentity(definition, problems);
        CheckStates(definition, problems);
        CheckTransitions(definition, problems);
        CheckDeadlinePresence(definition, problems);
        if (definition.Deadline is { } deadline)
            CheckDeadline(deadline, problems);
        CheckReporting(definition.Reporting, problems);
        CheckMissedReportEscalations(definition.MissedReportEscalations, problems);
        if (definition.YearEndSummary is { } summary)
            CheckYearEndSummary(summary, problems);
        return problems;
    }

    private static void CheckIdentity(WorkflowDefinition definition, List<string> problems)
    {
        // The id becomes a file name and a key in stored instances, so it is kept to plain lower-case words.
        if (!IdPattern().IsMatch(definition.Id))
            problems.Add($"id '{definition.Id}' is not lower-case words joined by hyphens (like dated-task)");
        if (definition.Version < 1)
            problems.Add($"version {definition.Version} is not a positive number");
        if (!AppliesToValues.All.Contains(definition.AppliesTo))
            problems.Add($"appliesTo '{definition.AppliesTo}' is not one of {string.Join(", ", AppliesToValues.All)}");
        if (string.IsNullOrWhiteSpace(definition.Title))
            problems.Add("title is empty");
    }

    private static void CheckStates(WorkflowDefinition definition, List<string> problems)
    {
        if (definition.States.Count == 0)
            problems.Add("no states are declared");
        var seen = new HashSet<string>();
        foreach (var state in definition.States)
        {
            if (string.IsNullOrWhiteSpace(state.Name))
                problems.Add("a state has an empty name");
            else if (!seen.Add(state.Name))
                problems.Add($"state '{state.Name}' is declared twice");
            if (string.IsNullOrWhiteSpace(state.Title))
                problems.Add($"state '{state.Name}' has an empty title");
        }

        foreach (var role in definition.States.Where(s => s.Role != StateRole.Working).GroupBy(s => s.Role).Where(g => g.Count() > 1))
            problems.Add($"role '{role.Key}' is given to {string.Join(", ", role.Select(s => s.Name))}; each role belongs to one state");

        if (definition.FindState(definition.InitialState) is not { } initial)
            problems.Add($"initial state '{definition.InitialState}' is not a declared state ({StateList(definition)})");
        else if (initial.Final)
            problems.Add($"initial state '{initial.Name}' is final, so nothing could ever happen");
    }

    private static void CheckTransitions(WorkflowDefinition definition, List<string> problems)
    {
        var triggerFrom = new HashSet<(string Trigger, string From)>();
        foreach (var transition in definition.Transitions)
        {
            var name = $"transition '{transition.Trigger}'";
            if (string.IsNullOrWhiteSpace(transition.Trigger))
                problems.Add("a transition has an empty trigger");
            if (string.IsNullOrWhiteSpace(transition.Title))
                problems.Add($"{name} has an empty title");
            if (!Actors.All.Contains(transition.Actor))
                problems.Add($"{name}: unknown actor '{transition.Actor}' (expected {string.Join(", ", Actors.All)})");
            if (transition.From.Count == 0)
                problems.Add($"{name} has no 'from' states");

            foreach (var from in transition.From)
            {
                if (definition.FindState(from) is not { } source)
                    problems.Add($"{name} comes from unknown state '{from}' (states: {StateList(definition)})");
                else if (source.Final)
                    problems.Add($"{name} leaves final state '{from}'");
                // Two transitions for one trigger in one state would make the outcome of a command depend on file order.
                if (!triggerFrom.Add((transition.Trigger, from)))
                    problems.Add($"duplicate transition: trigger '{transition.Trigger}' is defined twice from state '{from}'");
            }

            if (definition.FindState(transition.To) is not { } target)
                problems.Add($"{name} goes to unknown state '{transition.To}' (states: {StateList(definition)})");
            else if (Triggers.Leads.TryGetValue(transition.Trigger, out var role) && target.Role != role)
                problems.Add($"{name} goes to '{target.Name}', which must have the role {role} (the product treats that state so)");
            if (transition.ToWhenPastDue is { } pastDue && definition.FindState(pastDue) is null)
                problems.Add($"{name} has toWhenPastDue '{pastDue}', which is not a declared state (states: {StateList(definition)})");
        }
    }

    private static void CheckDeadlinePresence(WorkflowDefinition definition, List<string> problems)
    {
        if (definition.AppliesTo == AppliesToValues.Due && definition.Deadline is null)
            problems.Add("a definition that applies to due tasks needs a deadline section");
        if (definition.AppliesTo == AppliesToValues.Ongoing && definition.Deadline is not null)
            problems.Add("an ongoing definition must not have a deadline section: ongoing tasks have no due date");
        // The overdue timer fires this trigger; without it the timer would have nothing to do.
        if (definition.Deadline is not null && definition.Transitions.All(t => t.Trigger != DeadlineSchedule.OverdueTrigger))
            problems.Add($"a definition with a deadline needs an '{DeadlineSchedule.OverdueTrigger}' transition for the overdue timer to fire");
    }

    private static void CheckDeadline(DeadlineRules deadline, List<string> problems)
    {
        // Reminder names share one key space with the overdue and escalation steps of the same assignment.
        var names = new HashSet<string>(EscalationSteps.Ordered) { DeadlineSchedule.OverdueStepName };
        foreach (var reminder in deadline.Reminders)
        {
            var name = $"reminder '{reminder.Name}'";
            if (string.IsNullOrWhiteSpace(reminder.Name))
                problems.Add("a reminder has an empty name");
            else if (!names.Add(reminder.Name))
                problems.Add($"{name}: the name is already taken by another step (step names are keys and must be unique)");
            switch (reminder)
            {
                case { CalendarDaysBefore: not null, LastWorkdayBefore: true }:
                    problems.Add($"{name} gives both calendarDaysBefore and lastWorkdayBefore; give one");
                    break;
                case { CalendarDaysBefore: null, LastWorkdayBefore: false }:
                    problems.Add($"{name} gives neither calendarDaysBefore nor lastWorkdayBefore");
                    break;
                case { CalendarDaysBefore: < 0 and var days }:
                    problems.Add($"{name}: calendarDaysBefore {days} is negative");
                    break;
            }
        }

        switch (deadline.Overdue.DaysAfterDue)
        {
            case < 0 and var days:
                problems.Add($"overdue.daysAfterDue {days} is negative");
                break;
            case 0:
                problems.Add("overdue.daysAfterDue must be at least 1: the due date itself is the last day for the work");
                break;
        }

        CheckEscalations(deadline.Escalations, problems);
    }

    private static void CheckEscalations(IReadOnlyList<EscalationRule> escalations, List<string> problems)
    {
        EscalationRule? previous = null;
        foreach (var escalation in escalations)
        {
            var name = $"escalation '{escalation.Step}'";
            CheckApproval(name, escalation.Approval, problems);
            switch (escalation.WorkdaysAfterDue)
            {
                case < 0 and var days:
                    problems.Add($"{name}: workdaysAfterDue {days} is negative");
                    break;
                case 0:
                    problems.Add($"{name}: workdaysAfterDue must be at least 1 (escalations start after the due date)");
                    break;
            }
            if (!EscalationSteps.IsKnown(escalation.Step))
            {
                problems.Add($"unknown escalation step '{escalation.Step}' (allowed: {string.Join(", ", EscalationSteps.Ordered)})");
                continue;
            }
            if (previous is not null)
            {
                if (EscalationSteps.Rank(escalation.Step) <= EscalationSteps.Rank(previous.Step))
                    problems.Add($"escalation steps out of order: '{escalation.Step}' comes after '{previous.Step}' " +
                                 $"(steps go {string.Join(", ", EscalationSteps.Ordered)}, each at most once)");
                else if (escalation.WorkdaysAfterDue <= previous.WorkdaysAfterDue)
                    problems.Add($"escalation steps out of order: '{escalation.Step}' at {escalation.WorkdaysAfterDue} working days " +
                                 $"does not come after '{previous.Step}' at {previous.WorkdaysAfterDue} (workdaysAfterDue must increase)");
            }
            previous = escalation;
        }
    }

    private static void CheckReporting(ReportingRules reporting, List<string> problems)
    {
        if (reporting.DueDay is < 1 or > 31)
            problems.Add($"reporting.dueDay {reporting.DueDay} is outside 1..31");
        if (reporting.ReminderWorkdaysBefore < 0)
            problems.Add($"reporting.reminderWorkdaysBefore {reporting.ReminderWorkdaysBefore} is negative");
    }

    private static void CheckMissedReportEscalations(IReadOnlyList<MissedReportEscalationRule> escalations, List<string> problems)
    {
        MissedReportEscalationRule? previous = null;
        foreach (var escalation in escalations)
        {
            var name = $"missed-report escalation '{escalation.Step}'";
            CheckApproval(name, escalation.Approval, problems);
            if (escalation.ConsecutiveMissed < 1)
                problems.Add($"{name}: consecutiveMissed {escalation.ConsecutiveMissed} must be at least 1");
            if (!EscalationSteps.IsKnown(escalation.Step))
            {
                problems.Add($"unknown escalation step '{escalation.Step}' (allowed: {string.Join(", ", EscalationSteps.Ordered)})");
                continue;
            }
            if (previous is not null &&
                (EscalationSteps.Rank(escalation.Step) <= EscalationSteps.Rank(previous.Step) ||
                 escalation.ConsecutiveMissed <= previous.ConsecutiveMissed))
                problems.Add($"missed-report escalation steps out of order: '{escalation.Step}' at {escalation.ConsecutiveMissed} " +
                             $"comes after '{previous.Step}' at {previous.ConsecutiveMissed} (consecutiveMissed must increase, " +
                             $"steps go {string.Join(", ", EscalationSteps.Ordered)})");
            previous = escalation;
        }
    }

    private static void CheckYearEndSummary(YearEndSummaryRule summary, List<string> problems)
    {
        if (summary.Month is < 1 or > 12)
            problems.Add($"yearEndSummary.month {summary.Month} is outside 1..12");
        // A leap year is the widest case: 2/29 is allowed and means 2/28 in other years.
        else if (summary.Day < 1 || summary.Day > DateTime.DaysInMonth(2024, summary.Month))
            problems.Add($"yearEndSummary.day {summary.Day} does not exist in month {summary.Month}");
    }

    private static void CheckApproval(string name, string approval, List<string> problems)
    {
        if (!Approvals.All.Contains(approval))
            problems.Add($"{name}: unknown approval '{approval}' (expected {string.Join(", ", Approvals.All)})");
    }

    private static string StateList(WorkflowDefinition definition) => string.Join(", ", definition.States.Select(s => s.Name));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
