using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Calendar.SeedCalendar;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>
/// Reminders, overdue and escalations of the dated-task workflow against the real 2024–2025 calendar. Every expected
/// date is counted by hand from the State Council notices (see the comments), not taken from the code.
/// </summary>
public class DeadlineScheduleTests
{
    private static IReadOnlyList<(string Name, DateTimeOffset At)> Schedule(string dueDate, WorkflowDefinition? definition = null) =>
        DeadlineSchedule.Compute(definition ?? Dated, D(dueDate), Statutory).Select(s => (s.Name, s.At)).ToList();

    [Fact]
    public void DueOnAnOrdinaryThursday_2024_02_29()
    {
        // 30 days before is Tue 1/30, 7 days before Thu 2/22, both working days; the last working day before is Wed 2/28.
        // Working days after 2/29: Fri 3/1 (1st); 3/4–3/8 (2nd–6th); 3/11–3/14 (7th–10th); 3/15 (11th); 3/18–3/22 (12th–16th); 3/25–3/28 (17th–20th).
        Assert.Equal(
        [
            ("reminder-30d", China("2024-01-30 09:00")),
            ("reminder-7d", China("2024-02-22 09:00")),
            ("reminder-last-workday", China("2024-02-28 09:00")),
            ("overdue", China("2024-03-01 00:00")),
            ("letter", China("2024-03-01 09:00")),
            ("circular", China("2024-03-14 09:00")),
            ("summons", China("2024-03-28 09:00")),
        ], Schedule("2024-02-29"));
    }

    [Fact]
    public void AReminderOnTheSpringFestivalHoliday_MovesBackToTheWorkingDayBefore()
    {
        // Due Fri 3/15: 30 days before is Wed 2/14, inside 春节 (2/10–2/17); the working day before is Fri 2/9 (除夕 is worked).
        // After 3/15: 3/18–3/22 (1st–5th), 3/25–3/29 (6th–10th), 4/1–4/3 (11th–13th), 4/4–4/6 清明 off,
        // Sun 4/7 worked (14th), 4/8–4/12 (15th–19th), Mon 4/15 (20th).
        Assert.Equal(
        [
            ("reminder-30d", China("2024-02-09 09:00")),
            ("reminder-7d", China("2024-03-08 09:00")),
            ("reminder-last-workday", China("2024-03-14 09:00")),
            ("overdue", China("2024-03-16 00:00")),
            ("letter", China("2024-03-18 09:00")),
            ("circular", China("2024-03-29 09:00")),
            ("summons", China("2024-04-15 09:00")),
        ], Schedule("2024-03-15"));
    }

    [Fact]
    public void ALetterDueOnTheMakeUpSunday_2024_02_18_GoesOutThatSunday()
    {
        // Due Fri 2/9 (除夕): 2/10–2/17 are off, so the 1st working day after is Sun 2/18 (调休上班).
        // Then 2/19–2/23 (2nd–6th), 2/26–2/29 (7th–10th), 3/1 (11th), 3/4–3/8 (12th–16th), 3/11–3/14 (17th–20th).
        Assert.Equal(
        [
            ("reminder-30d", China("2024-01-10 09:00")),
            ("reminder-7d", China("2024-02-02 09:00")),
            ("reminder-last-workday", China("2024-02-08 09:00")),
            ("overdue", China("2024-02-10 00:00")),
            ("letter", China("2024-02-18 09:00")),
            ("circular", China("2024-02-29 09:00")),
            ("summons", China("2024-03-14 09:00")),
        ], Schedule("2024-02-09"));
    }

    [Theory]
    // Due Sun 2024-02-11 (春节): 7 days before is Sun 2/4, a make-up working day, so the reminder stays on that Sunday.
    [InlineData("2024-02-11", "2024-02-04 09:00")]
    // Due Sun 2025-02-02 (春节): 7 days before is Sun 1/26, a make-up working day.
    [InlineData("2025-02-02", "2025-01-26 09:00")]
    public void AReminderOnAMakeUpSunday_StaysThere(string dueDate, string expected7d)
    {
        Assert.Contains(("reminder-7d", China(expected7d)), Schedule(dueDate));
    }

    [Fact]
    public void DueOnNewYearsEve_EscalatesAcrossNewYearAndTheSpringFestivalOf2025()
    {
        // Reminders: 30 days before is Sun 12/1 → Fri 11/29; 7 days before is Tue 12/24; last working day before is Mon 12/30.
        // After Tue 2024-12-31: 1/1 元旦 off; Thu 1/2 (1st), Fri 1/3 (2nd), 1/6–1/10 (3rd–7th), 1/13–1/15 (8th–10th);
        // 1/16–1/17 (11th–12th), 1/20–1/24 (13th–17th), Sun 1/26 worked (18th), Mon 1/27 (19th), 1/28–2/4 春节 off, Wed 2/5 (20th).
        Assert.Equal(
        [
            ("reminder-30d", China("2024-11-29 09:00")),
            ("reminder-7d", China("2024-12-24 09:00")),
            ("reminder-last-workday", China("2024-12-30 09:00")),
            ("overdue", China("2025-01-01 00:00")),
            ("letter", China("2025-01-02 09:00")),
            ("circular", China("2025-01-15 09:00")),
            ("summons", China("2025-02-05 09:00")),
        ], Schedule("2024-12-31"));
    }

    [Fact]
    public void TwoRemindersOnTheSameInstant_AreOne_TheFirstListedIsKept()
    {
        // Due Tue 2024-10-08: 7 days before is 10/1 (国庆 10/1–10/7) → Mon 9/30, which is also the last working day before.
        // 30 days before is Sun 9/8 → Fri 9/6. After 10/8: 10/9–10/11 (1st–3rd), Sat 10/12 worked (4th), 10/14–10/18
        // (5th–9th), Mon 10/21 (10th), 10/22–10/25 (11th–14th), 10/28–10/31 (15th–18th), Fri 11/1 (19th), Mon 11/4 (20th).
        Assert.Equal(
        [
            ("reminder-30d", China("2024-09-06 09:00")),
            ("reminder-7d", China("2024-09-30 09:00")),
            ("overdue", China("2024-10-09 00:00")),
            ("letter", China("2024-10-09 09:00")),
            ("circular", China("2024-10-21 09:00")),
            ("summons", China("2024-11-04 09:00")),
        ], Schedule("2024-10-08"));
    }

    [Fact]
    public void Exposure_IsScheduledOnlyWhenEnabled_OnThe30thWorkingDay()
    {
        // After Thu 2024-02-29 (see above, the 20th is 3/28): 3/29 (21st), 4/1–4/3 (22nd–24th), 4/4–4/6 清明 off,
        // Sun 4/7 worked (25th), 4/8–4/12 (26th–30th).
        Assert.DoesNotContain(Schedule("2024-02-29"), s => s.Name == "exposure");

        var withExposure = Dated with
        {
            Deadline = Dated.Deadline! with { Escalations = Dated.Deadline.Escalations.Select(e => e with { Enabled = true }).ToList() },
        };
        var exposure = DeadlineSchedule.Compute(withExposure, D("2024-02-29"), Statutory).Last();

        Assert.Equal(new ScheduledStep("exposure", StepKind.Exposure, China("2024-04-12 09:00"), Approvals.WorkingGroup), exposure);
    }

    [Fact]
    public void Steps_CarryTheirKindAndApproval()
    {
        var steps = DeadlineSchedule.Compute(Dated, D("2024-02-29"), Statutory);

        Assert.Equal(
            [StepKind.Reminder, StepKind.Reminder, StepKind.Reminder, StepKind.Overdue, StepKind.Letter, StepKind.Circular, StepKind.Summons],
            steps.Select(s => s.Kind));
        Assert.Equal([null, null, null, null, Approvals.Automatic, Approvals.WorkingGroup, Approvals.WorkingGroup], steps.Select(s => s.Approval));
        Assert.All(steps, s => Assert.Equal(TimeSpan.FromHours(8), s.At.Offset));
    }

    [Fact]
    public void StepsAtTheSameInstant_KeepDefinitionOrder()
    {
        // Overdue moved to 09:00 coincides with the letter on Fri 3/1; overdue is listed first in the definition.
        var definition = Dated with { Deadline = Dated.Deadline! with { Overdue = new OverdueRule(1, new TimeOnly(9, 0)) } };

        var atLetter = Schedule("2024-02-29", definition).Where(s => s.At == China("2024-03-01 09:00")).Select(s => s.Name);

        Assert.Equal(["overdue", "letter"], atLetter);
    }

    [Fact]
    public void AnOngoingDefinition_HasNoDeadlineSchedule()
    {
        Assert.Throws<ArgumentException>(() => DeadlineSchedule.Compute(Ongoing, D("2024-12-31"), Statutory));
    }
}
