using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Periodic reports of an ongoing task (task 37, 「长期坚持」, led by 省安委会办公室): monthly, due on the 25th (or the
/// working day before), reminded 3 working days earlier, missed (催报) on the next working day; consecutive misses
/// escalate. March 2024: reminder Wed 03-20, due Mon 03-25, missed Tue 03-26. April: reminder Mon 04-22, due Thu
/// 04-25, missed Fri 04-26.
/// </summary>
public sealed class ReportingLifecycleTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private EngineHarness _engine = null!;
    private Assigned _task37 = null!;

    public async Task InitializeAsync()
    {
        _engine = await StartAsync(_data.Path, China(2024, 2, 25, 9));
        _task37 = await _engine.AssignmentAsync(37, "省安委会办公室");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_report_on_time_silences_its_period_and_a_missing_one_is_chased()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 21, 10));
        var report = await _engine.Mediator.Send(new SubmitReport(_task37.Id, _task37.Clerk, "3月开展专项检查12次", new Dictionary<string, decimal> { ["检查次数"] = 12 }));
        await _engine.AdvanceToAsync(China(2024, 4, 30));

        Assert.True(report.Succeeded, report.Refusal);
        Assert.Equal(
            [("started", China(2024, 2, 25, 9)), ("report-reminder", China(2024, 3, 20, 9)), ("report-submitted", China(2024, 3, 21, 10)),
             ("report-reminder", China(2024, 4, 22, 9)), ("report-due", China(2024, 4, 25, 9)), ("report-missed", China(2024, 4, 26, 9))],
            await _engine.JournalAsync(_task37.Id));
        Assert.Equal(1, (await _engine.ReloadAsync(_task37.Id)).MissedReports);
        await using var db = _engine.Db();
        var stored = await db.Reports.SingleAsync(r => r.AssignmentId == _task37.Id);
        Assert.Equal(("2024-03", "{\"检查次数\":12}"), (stored.Period, System.Text.RegularExpressions.Regex.Unescape(stored.Figures!)));
    }

    [Fact]
    public async Task Consecutive_missed_reports_escalate_to_a_letter_and_a_report_resets_the_count()
    {
        await _engine.AdvanceToAsync(China(2024, 4, 30));

        await using (var db = _engine.Db())
        {
            Assert.Equal(2, (await _engine.ReloadAsync(_task37.Id)).MissedReports);
            var letter = await db.Escalations.SingleAsync(e => e.AssignmentId == _task37.Id);
            Assert.Equal(("letter", "issued", China(2024, 4, 26, 9).ToUnixTimeMilliseconds()), (letter.Step, letter.Status, letter.RaisedAt));
        }

        await _engine.Mediator.Send(new SubmitReport(_task37.Id, _task37.Clerk, "补报4月情况", Period: "2024-04"));
        Assert.Equal(0, (await _engine.ReloadAsync(_task37.Id)).MissedReports);
        await _engine.AdvanceToAsync(China(2024, 5, 31));
        // May is missed again: a first miss after the reset, so no new escalation.
        Assert.Equal(1, (await _engine.ReloadAsync(_task37.Id)).MissedReports);
        await using var after = _engine.Db();
        Assert.Equal(1, await after.Escalations.CountAsync(e => e.AssignmentId == _task37.Id));
    }

    [Fact]
    public async Task An_ongoing_task_gets_its_year_end_summary_and_no_deadline_steps()
    {
        await _engine.AdvanceToAsync(China(2025, 1, 2));

        var events = await _engine.EventsAsync(_task37.Id);
        Assert.Single(events, e => e == "year-end-summary");
        Assert.DoesNotContain(events, e => e is "reminder" or "overdue");
        Assert.Equal(10, events.Count(e => e == "report-missed")); // March … December 2024
    }

    [Fact]
    public async Task A_closed_dated_assignment_stops_reporting()
    {
        var task3 = await _engine.AssignmentAsync(3, "省安委会办公室");
        await _engine.Mediator.Send(new ApplyForCompletion(task3.Id, task3.Clerk, null));
        await _engine.Mediator.Send(new ApproveCompletion(task3.Id, Assigned.WorkingGroup));
        await _engine.AdvanceToAsync(China(2024, 6, 1));

        var report = await _engine.Mediator.Send(new SubmitReport(task3.Id, task3.Clerk, "补充情况"));

        Assert.False(report.Succeeded);
        Assert.DoesNotContain(await _engine.EventsAsync(task3.Id), e => e.StartsWith("report"));
    }

    [Fact]
    public async Task The_monthly_briefing_assembles_the_months_reports_by_action()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 21, 10));
        await _engine.Mediator.Send(new SubmitReport(_task37.Id, _task37.Clerk, "3月开展专项检查12次", new Dictionary<string, decimal> { ["检查次数"] = 12 }));
        var lanzhou = await _engine.AssignmentAsync(37, "兰州市");
        await _engine.Mediator.Send(new SubmitReport(lanzhou.Id, lanzhou.Clerk, "3月检查企业30家", new Dictionary<string, decimal> { ["检查次数"] = 5 }));
        // March's briefing: Wednesday 2024-04-10, 09:00.
        await _engine.AdvanceToAsync(China(2024, 4, 10, 10));

        await using var db = _engine.Db();
        var row = await db.Briefings.SingleAsync(b => b.Month == "2024-03");
        Assert.Equal(China(2024, 4, 10, 9).ToUnixTimeMilliseconds(), row.AssembledAt);
        var briefing = System.Text.Json.JsonSerializer.Deserialize<WorkflowHost.Infrastructure.Briefings.Briefing>(row.Content)!;
        Assert.Equal("安全生产治本攻坚三年行动2024年3月份工作简况", briefing.Title);
        var line = Assert.Single(briefing.Sections.SelectMany(s => s.Tasks));
        Assert.Equal((37, 2), (line.TaskNo, line.Reports));
        Assert.Equal(17m, Assert.Single(briefing.Sections).Figures["检查次数"]);
        Assert.Equal(2, briefing.Totals.ReportsReceived);
        Assert.True(briefing.Totals.ReportsDue > 500, $"{briefing.Totals.ReportsDue} reports were due in March");
        Assert.Contains(briefing.MissingReports, m => m.TaskNo == 37 && m.Unit == "天水市");
        Assert.DoesNotContain(briefing.MissingReports, m => m.TaskNo == 37 && m.Unit == "兰州市");
        // A draft: it waits for the working group to issue it (BriefingDeskTests), so no mail yet.
        Assert.False(await db.Outbox.AnyAsync(o => o.Key == "briefing:2024-03"));
        Assert.Equal(0, await db.Briefings.CountAsync(b => b.Month == "2024-04"));
    }
}
