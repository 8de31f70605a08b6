using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Workflows;
using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Calendar.SeedCalendar;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>The timer planner: one pending timer per chain, the first chosen by the start rules, the next by the
/// schedule. Task 3 of the 2024 plan is due Friday 2024-03-15.</summary>
public sealed class TimerPlannerTests
{
    private static readonly TimerPlanner Planner = new(Statutory);
    private static AssignmentSchedule DatedDue(string due) => new(Dated, D(due), Cadence.Monthly, 2024);

    [Fact]
    public void A_workflow_started_before_every_step_begins_with_the_first_reminder_and_the_first_whole_report_period()
    {
        var timers = Planner.Start(DatedDue("2024-03-15"), China("2024-01-10 09:00"));

        // 30 days before 03-15 is 02-14, inside the Spring Festival holiday (02-10 … 02-17): moved back to Friday 02-09.
        Assert.Equal(
            [("reminder-30d@2024-03-15", TimerChain.Deadline, China("2024-02-09 09:00")), ("report-reminder:2024-01", TimerChain.Report, China("2024-01-22 09:00"))],
            timers.Select(t => (t.Name, t.Chain, t.At)).ToList());
    }

    [Fact]
    public void Past_reminders_are_skipped_but_a_past_escalation_step_is_kept_to_fire_at_once()
    {
        var afterReminders = Planner.Start(DatedDue("2024-03-15"), China("2024-02-25 09:00"));
        var afterDue = Planner.Start(DatedDue("2024-03-15"), China("2024-03-20 12:00"));

        Assert.Equal("reminder-7d@2024-03-15", afterReminders.Single(t => t.Chain == TimerChain.Deadline).Name);
        var overdue = afterDue.Single(t => t.Chain == TimerChain.Deadline);
        Assert.Equal(("overdue@2024-03-15", StepKind.Overdue, China("2024-03-16 00:00")), (overdue.Name, overdue.Kind, overdue.At));
    }

    [Fact]
    public void Reporting_never_begins_with_a_period_whose_reminder_has_passed()
    {
        // 2024-03-21: March's reminder (03-20) has passed though its due day (03-25) has not: reporting begins in April.
        var report = Planner.Start(DatedDue("2024-12-31"), China("2024-03-21 10:00")).Single(t => t.Chain == TimerChain.Report);

        Assert.Equal(("report-reminder:2024-04", "2024-04"), (report.Name, report.Period));
    }

    [Fact]
    public void The_deadline_chain_runs_in_order_to_the_summons_and_stops()
    {
        var schedule = DatedDue("2024-03-15");
        var chain = new List<PlannedTimer> { Planner.Start(schedule, China("2024-01-01 09:00")).Single(t => t.Chain == TimerChain.Deadline) };
        while (Planner.Next(schedule, chain[^1]) is { } next) chain.Add(next);

        Assert.Equal(["reminder-30d", "reminder-7d", "reminder-last-workday", "overdue", "letter", "circular", "summons"],
            chain.Select(t => t.Name.Split('@')[0]).ToList());
        Assert.True(chain.Zip(chain.Skip(1)).All(p => p.First.At < p.Second.At), "steps are in time order");
        Assert.Equal(China("2024-03-29 09:00"), chain.Single(t => t.Kind == StepKind.Circular).At);
    }

    [Fact]
    public void An_extension_restarts_the_deadline_chain_from_the_new_date()
    {
        var restarted = Planner.RestartDeadline(DatedDue("2024-04-15"), China("2024-03-10 10:00"));

        Assert.NotNull(restarted);
        Assert.Equal(("reminder-30d@2024-04-15", China("2024-03-15 09:00")), (restarted.Name, restarted.At));
    }

    [Fact]
    public void An_ongoing_task_has_no_deadline_chain_and_a_year_end_summary()
    {
        var timers = Planner.Start(new AssignmentSchedule(Ongoing, null, Cadence.Quarterly, 2024), China("2024-02-25 09:00"));

        Assert.DoesNotContain(timers, t => t.Chain == TimerChain.Deadline);
        Assert.Equal("report-reminder:2024-Q1", timers.Single(t => t.Chain == TimerChain.Report).Name);
        Assert.Equal(China("2024-12-31 09:00"), timers.Single(t => t.Chain == TimerChain.YearEnd).At);
    }
}
