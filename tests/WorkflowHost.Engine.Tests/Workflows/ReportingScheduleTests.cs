using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Calendar.SeedCalendar;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>
/// When periodic reports are due, reminded and missed, for the dated-task rules (due on the 25th of the period's last
/// month, reminder 3 working days before, 09:00). Dates are counted by hand from the 2024 calendar.
/// </summary>
public class ReportingScheduleTests
{
    private static WorkflowDefinition WithDueDay(int dueDay) => Dated with { Reporting = Dated.Reporting with { DueDay = dueDay } };

    private static IReadOnlyList<ReportPeriod> Compute(Cadence cadence, string from, string to, WorkflowDefinition? definition = null) =>
        ReportingSchedule.Compute(definition ?? Dated, cadence, D(from), D(to), Statutory);

    [Fact]
    public void Monthly2024_DueOnThe25th_OrTheWorkingDayBefore()
    {
        var periods = Compute(Cadence.Monthly, "2024-01-01", "2024-12-31");

        // key, due date, reminder (3 working days before), missed (next working day)
        (string, string, string, string)[] expected =
        [
            ("2024-01", "2024-01-25", "2024-01-22", "2024-01-26"),
            ("2024-02", "2024-02-23", "2024-02-20", "2024-02-26"), // 2/25 is a Sunday, 2/24 a Saturday
            ("2024-03", "2024-03-25", "2024-03-20", "2024-03-26"),
            ("2024-04", "2024-04-25", "2024-04-22", "2024-04-26"),
            ("2024-05", "2024-05-24", "2024-05-21", "2024-05-27"), // 5/25 is a Saturday (5/11 was the make-up one)
            ("2024-06", "2024-06-25", "2024-06-20", "2024-06-26"),
            ("2024-07", "2024-07-25", "2024-07-22", "2024-07-26"),
            ("2024-08", "2024-08-23", "2024-08-20", "2024-08-26"), // 8/25 is a Sunday
            ("2024-09", "2024-09-25", "2024-09-20", "2024-09-26"), // a Wednesday; 中秋 (9/15–9/17) is before the reminder
            ("2024-10", "2024-10-25", "2024-10-22", "2024-10-28"),
            ("2024-11", "2024-11-25", "2024-11-20", "2024-11-26"),
            ("2024-12", "2024-12-25", "2024-12-20", "2024-12-26"),
        ];
        Assert.Equal(
            expected.Select(e => (e.Item1, D(e.Item2), China($"{e.Item3} 09:00"), China($"{e.Item2} 09:00"), China($"{e.Item4} 09:00"))),
            periods.Select(p => (p.Key, p.DueDate, p.ReminderAt, p.DueAt, p.MissedAt)));
    }

    [Fact]
    public void Quarterly2024_DueInEachQuartersLastMonth()
    {
        Assert.Equal(
        [
            new ReportPeriod("2024-Q1", D("2024-01-01"), D("2024-03-31"), D("2024-03-25"), China("2024-03-20 09:00"), China("2024-03-25 09:00"), China("2024-03-26 09:00")),
            new ReportPeriod("2024-Q2", D("2024-04-01"), D("2024-06-30"), D("2024-06-25"), China("2024-06-20 09:00"), China("2024-06-25 09:00"), China("2024-06-26 09:00")),
            new ReportPeriod("2024-Q3", D("2024-07-01"), D("2024-09-30"), D("2024-09-25"), China("2024-09-20 09:00"), China("2024-09-25 09:00"), China("2024-09-26 09:00")),
            new ReportPeriod("2024-Q4", D("2024-10-01"), D("2024-12-31"), D("2024-12-25"), China("2024-12-20 09:00"), China("2024-12-25 09:00"), China("2024-12-26 09:00")),
        ], Compute(Cadence.Quarterly, "2024-01-01", "2024-12-31"));
    }

    [Fact]
    public void HalfYearlyAndYearly2024()
    {
        Assert.Equal(
            [("2024-H1", D("2024-01-01"), D("2024-06-30"), D("2024-06-25")), ("2024-H2", D("2024-07-01"), D("2024-12-31"), D("2024-12-25"))],
            Compute(Cadence.HalfYearly, "2024-01-01", "2024-12-31").Select(p => (p.Key, p.Start, p.End, p.DueDate)));
        Assert.Equal(
            [("2024", D("2024-01-01"), D("2024-12-31"), D("2024-12-25"))],
            Compute(Cadence.Yearly, "2024-01-01", "2024-12-31").Select(p => (p.Key, p.Start, p.End, p.DueDate)));
    }

    [Theory]
    [InlineData("2024-02-01", "2024-02-29", "2024-02-29")] // clamped to 2/29, a Thursday in the leap year
    [InlineData("2024-06-01", "2024-06-30", "2024-06-28")] // clamped to 6/30, a Sunday → Fri 6/28
    [InlineData("2025-02-01", "2025-02-28", "2025-02-28")] // clamped to 2/28, a Friday
    public void DueDay31_IsClampedToTheMonthsLength(string from, string to, string expectedDue)
    {
        Assert.Equal(D(expectedDue), Compute(Cadence.Monthly, from, to, WithDueDay(31)).Single().DueDate);
    }

    [Fact]
    public void ADueDayInTheSpringFestival_MovesBack_AndTheReportIsMissedOnTheMakeUpSunday()
    {
        // 2/14 is 春节 → Fri 2/9. Reminder: 2/8, 2/7, 2/6 → Tue 2/6. Next working day after 2/9 is Sun 2/18 (调休上班).
        var february = Compute(Cadence.Monthly, "2024-02-01", "2024-02-29", WithDueDay(14)).Single();

        Assert.Equal(
            (D("2024-02-09"), China("2024-02-06 09:00"), China("2024-02-18 09:00")),
            (february.DueDate, february.ReminderAt, february.MissedAt));
    }

    [Fact]
    public void TheReminderCount_IncludesTheMakeUpSunday()
    {
        // Due Tue 2/20: Mon 2/19 (1st), Sun 2/18 worked (2nd), 2/10–2/17 off, Fri 2/9 (3rd).
        var february = Compute(Cadence.Monthly, "2024-02-01", "2024-02-29", WithDueDay(20)).Single();

        Assert.Equal(China("2024-02-09 09:00"), february.ReminderAt);
    }

    [Fact]
    public void OnlyPeriodsDueInsideTheRange_AreListed()
    {
        Assert.Equal(["2024-03", "2024-04", "2024-05"], Compute(Cadence.Monthly, "2024-03-01", "2024-05-31").Select(p => p.Key));
        // 3/25 is the March due day: a range ending on 3/24 does not reach it, one starting on 3/26 is past it.
        Assert.Equal(["2024-02"], Compute(Cadence.Monthly, "2024-02-01", "2024-03-24").Select(p => p.Key));
        Assert.Equal(["2024-04"], Compute(Cadence.Monthly, "2024-03-26", "2024-04-30").Select(p => p.Key));
    }

    [Fact]
    public void ThePeriodIsChosenByItsMovedDueDate()
    {
        // Due day 1: October's report is due 10/1 (国庆) → Mon 9/30, inside a range that ends on 9/30 and outside one that
        // starts on 10/1. November's is due Fri 11/1.
        Assert.Equal(
            [("2024-10", D("2024-09-30"))],
            Compute(Cadence.Monthly, "2024-09-30", "2024-10-31", WithDueDay(1)).Select(p => (p.Key, p.DueDate)));
        Assert.Equal(
            [("2024-11", D("2024-11-01"))],
            Compute(Cadence.Monthly, "2024-10-01", "2024-11-01", WithDueDay(1)).Select(p => (p.Key, p.DueDate)));
    }

    [Fact]
    public void ARangeEndingWithTheLastLoadedYear_DoesNotAskAboutTheNextOne()
    {
        // 2027 has no calendar file; December 2026 (due Fri 12/25; reminder 12/22; missed Mon 12/28) must still be listed.
        var december = Compute(Cadence.Monthly, "2026-12-01", "2026-12-31").Single();

        Assert.Equal(("2026-12", China("2026-12-22 09:00"), China("2026-12-28 09:00")), (december.Key, december.ReminderAt, december.MissedAt));
    }

    [Fact]
    public void NoReminderOffset_RemindsOnTheDueDayItself()
    {
        var definition = Dated with { Reporting = Dated.Reporting with { ReminderWorkdaysBefore = 0 } };

        Assert.Equal(China("2024-05-24 09:00"), Compute(Cadence.Monthly, "2024-05-01", "2024-05-31", definition).Single().ReminderAt);
    }

    [Fact]
    public void APeriodsSteps_AreNamedByPeriod()
    {
        var march = Compute(Cadence.Monthly, "2024-03-01", "2024-03-31").Single();

        Assert.Equal(
        [
            new ScheduledStep("report-reminder:2024-03", StepKind.ReportReminder, China("2024-03-20 09:00"), null),
            new ScheduledStep("report-due:2024-03", StepKind.ReportDue, China("2024-03-25 09:00"), null),
            new ScheduledStep("report-missed:2024-03", StepKind.ReportMissed, China("2024-03-26 09:00"), null),
        ], march.Steps());
    }
}
