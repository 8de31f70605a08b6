using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Calendar.SeedCalendar;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>The two ongoing-only rules: the year-end summary and escalation of reports missed in a row.</summary>
public class OngoingScheduleTests
{
    [Theory]
    [InlineData(2024, "2024-12-31 09:00")] // a Tuesday
    [InlineData(2025, "2025-12-31 09:00")] // a Wednesday
    public void TheYearEndSummary_IsDueOnDecember31(int year, string expected)
    {
        Assert.Equal(
            new ScheduledStep($"year-end-summary:{year}", StepKind.YearEndSummary, China(expected), null),
            YearEndSummarySchedule.Compute(Ongoing, year, Statutory));
    }

    [Theory]
    [InlineData(10, 1, 2024, "2024-09-30 09:00")] // 国庆 → Mon 9/30
    [InlineData(2, 14, 2024, "2024-02-09 09:00")] // 春节 → Fri 2/9
    [InlineData(2, 29, 2025, "2025-02-28 09:00")] // no 2/29 in 2025 → Fri 2/28
    public void ASummaryDayThatIsNotAWorkingDay_MovesBack(int month, int day, int year, string expected)
    {
        var definition = Ongoing with { YearEndSummary = new YearEndSummaryRule(month, day, new TimeOnly(9, 0)) };

        Assert.Equal(China(expected), YearEndSummarySchedule.Compute(definition, year, Statutory)!.At);
    }

    [Fact]
    public void ADefinitionWithoutASummary_HasNone()
    {
        Assert.Null(YearEndSummarySchedule.Compute(Dated, 2024, Statutory));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(2, "letter")]
    [InlineData(3, "circular")]
    [InlineData(4, "summons")]
    [InlineData(5, null)] // only the exact threshold fires: the summons at 4 is not repeated
    public void MissedReports_EscalateAtExactlyTheirThreshold(int consecutiveMissed, string? expectedStep)
    {
        Assert.Equal(expectedStep, MissedReportEscalation.StepFor(Ongoing, consecutiveMissed)?.Step);
    }

    [Fact]
    public void AMissedReportLetter_GoesOutByItself_LaterStepsWaitForTheWorkingGroup()
    {
        Assert.Equal(Approvals.Automatic, MissedReportEscalation.StepFor(Ongoing, 2)!.Approval);
        Assert.Equal(Approvals.WorkingGroup, MissedReportEscalation.StepFor(Ongoing, 3)!.Approval);
    }
}
