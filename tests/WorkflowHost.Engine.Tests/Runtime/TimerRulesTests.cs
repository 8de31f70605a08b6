using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>What a due timer does to an assignment, by the shipped definitions.</summary>
public sealed class TimerRulesTests
{
    private static AssignmentState At(string state, bool pastDue = false, int missed = 0, bool reported = false) => new(state, pastDue, missed, reported);

    [Fact]
    public void A_closed_assignment_ends_every_chain()
    {
        var outcome = TimerRules.Decide(Dated, StepKind.Letter, "automatic", At("closed"), false);

        Assert.True(outcome.Skipped);
        Assert.False(outcome.ContinueChain);
        Assert.Empty(outcome.Events);
    }

    [Fact]
    public void Overdue_moves_in_progress_to_overdue_but_leaves_a_pending_application_where_it_is()
    {
        var inProgress = TimerRules.Decide(Dated, StepKind.Overdue, null, At("in-progress"), false);
        var applied = TimerRules.Decide(Dated, StepKind.Overdue, null, At("completion-applied"), false);

        Assert.Equal(("overdue", true), (inProgress.After.State, inProgress.After.PastDue));
        Assert.Equal(("completion-applied", true), (applied.After.State, applied.After.PastDue));
        Assert.Equal("overdue", Assert.Single(applied.Events).Name);
    }

    [Fact]
    public void A_reminder_is_not_sent_while_completion_awaits_review()
    {
        Assert.True(TimerRules.Decide(Dated, StepKind.Reminder, null, At("completion-applied"), false).Skipped);
        Assert.Equal("reminder", Assert.Single(TimerRules.Decide(Dated, StepKind.Reminder, null, At("in-progress"), false).Events).Name);
    }

    [Theory]
    [InlineData(StepKind.Letter, "automatic", false, "issued")]
    [InlineData(StepKind.Circular, "working-group", false, "awaiting-approval")]
    [InlineData(StepKind.Circular, "working-group", true, "issued")]
    [InlineData(StepKind.Summons, "working-group", false, "awaiting-approval")]
    public void Escalations_are_issued_or_await_approval_by_their_rule(StepKind kind, string approval, bool autoApprove, string status)
    {
        var e = Assert.Single(TimerRules.Decide(Dated, kind, approval, At("overdue", pastDue: true), autoApprove).Events);

        Assert.Equal(status, e.EscalationStatus);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "letter")]
    [InlineData(2, "circular")]
    [InlineData(3, "summons")]
    [InlineData(4, null)]
    public void Consecutive_missed_reports_of_an_ongoing_task_escalate(int missedBefore, string? escalation)
    {
        var outcome = TimerRules.Decide(Ongoing, StepKind.ReportMissed, null, At("active", missed: missedBefore), false);

        Assert.Equal(missedBefore + 1, outcome.After.MissedReports);
        Assert.Equal(escalation, outcome.Events.Skip(1).SingleOrDefault()?.Name);
    }

    [Fact]
    public void A_report_that_is_in_silences_its_period()
    {
        foreach (var kind in new[] { StepKind.ReportReminder, StepKind.ReportDue, StepKind.ReportMissed })
        {
            var outcome = TimerRules.Decide(Ongoing, kind, null, At("active", missed: 1, reported: true), false);
            Assert.True(outcome.Skipped);
            Assert.True(outcome.ContinueChain);
            Assert.Equal(1, outcome.After.MissedReports);
        }
    }
}
