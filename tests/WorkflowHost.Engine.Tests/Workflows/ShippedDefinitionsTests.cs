using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>The definitions in workflows/ load, and say what the product requirements say.</summary>
public class ShippedDefinitionsTests
{
    [Fact]
    public void TheFolderHoldsOneWorkflowPerDeadlineKind()
    {
        Assert.Equal(["dated-task.v1", "dated-task.v2", "ongoing-task.v1", "ongoing-task.v2"], Catalog.All.Select(d => d.Key));
        Assert.Equal("dated-task.v2", Catalog.LatestFor(DeadlineKind.Due).Key);
        Assert.Equal("ongoing-task.v2", Catalog.LatestFor(DeadlineKind.Ongoing).Key);
    }

    [Fact]
    public void Version2_ReviewIsTheParentsOrTheWorkingGroups_AndClerksNeedTheLeadersSignOff()
    {
        var v1 = Catalog.Get("dated-task", 1);
        var v2 = Catalog.Get("dated-task", 2);
        string[] decisions = ["approve", "reject", "approve-extension", "refuse-extension"];

        Assert.All(decisions, trigger => Assert.Equal(Actors.WorkingGroup, v1.Transitions.Single(t => t.Trigger == trigger).Actor));
        Assert.All(decisions, trigger => Assert.Equal(Actors.Reviewer, v2.Transitions.Single(t => t.Trigger == trigger).Actor));
        Assert.False(v1.SignOff);
        Assert.True(v2.SignOff);
        Assert.True(Catalog.Get("ongoing-task", 2).SignOff);
        // Nothing else changed: the same states and the same steps at the same instants.
        Assert.Equal(v1.States, v2.States);
        Assert.Equal(v1.Deadline!.Escalations, v2.Deadline!.Escalations);
    }

    [Fact]
    public void DatedTask_HasTheCloseOutStates()
    {
        Assert.Equal(
            [("in-progress", "推进中"), ("overdue", "已逾期"), ("completion-applied", "申请办结"), ("extension-requested", "申请延期"), ("closed", "已销号")],
            Dated.States.Select(s => (s.Name, s.Title)));
        Assert.Equal("in-progress", Dated.InitialState);
        Assert.Equal(["closed"], Dated.States.Where(s => s.Final).Select(s => s.Name));
    }

    [Fact]
    public void DatedTask_UnitsApply_TheWorkingGroupDecides_TheTimerMarksOverdue()
    {
        var actors = Dated.Transitions.ToDictionary(t => t.Trigger, t => t.Actor);

        Assert.Equal(Actors.Unit, actors["apply"]);
        Assert.Equal(Actors.Unit, actors["request-extension"]);
        Assert.Equal(Actors.WorkingGroup, actors["approve"]);
        Assert.Equal(Actors.WorkingGroup, actors["reject"]);
        Assert.Equal(Actors.WorkingGroup, actors["approve-extension"]);
        Assert.Equal(Actors.WorkingGroup, actors["refuse-extension"]);
        Assert.Equal(Actors.Timer, actors["overdue"]);
        Assert.Equal(Actors.Unit, actors["withdraw"]);
        Assert.Equal(["reject", "request-extension", "refuse-extension"], Dated.Transitions.Where(t => t.RequiresReason).Select(t => t.Trigger));
    }

    [Fact]
    public void DatedTask_LetterGoesOutByItself_LaterStepsWaitForTheWorkingGroup_ExposureIsOff()
    {
        var escalations = Dated.Deadline!.Escalations;

        Assert.Equal(
            [("letter", 1, Approvals.Automatic, true), ("circular", 10, Approvals.WorkingGroup, true),
             ("summons", 20, Approvals.WorkingGroup, true), ("exposure", 30, Approvals.WorkingGroup, false)],
            escalations.Select(e => (e.Step, e.WorkdaysAfterDue, e.Approval, e.Enabled)));
    }

    [Fact]
    public void DatedTask_ReportsMonthlyOnThe25th_AndStopsWhenClosed()
    {
        Assert.Equal(new ReportingRules(25, 3, new TimeOnly(9, 0), StopsWhenClosed: true), Dated.Reporting);
        Assert.Null(Dated.YearEndSummary);
    }

    [Fact]
    public void OngoingTask_HasNoDeadline_ButEscalatesMissedReports_AndAsksForAYearEndSummary()
    {
        Assert.Equal(DeadlineKind.Ongoing, Ongoing.Kind);
        Assert.Null(Ongoing.Deadline);
        Assert.Empty(Ongoing.Transitions);
        Assert.Equal(["active"], Ongoing.States.Select(s => s.Name));
        Assert.Equal([("letter", 2), ("circular", 3), ("summons", 4)], Ongoing.MissedReportEscalations.Select(e => (e.Step, e.ConsecutiveMissed)));
        Assert.Equal(new YearEndSummaryRule(12, 31, new TimeOnly(9, 0)), Ongoing.YearEndSummary);
    }
}
