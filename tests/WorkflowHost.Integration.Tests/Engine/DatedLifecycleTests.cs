using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Whole lifecycles of a dated assignment through the real engine and a real SQLite database, on a virtual clock the
/// test moves. Task 3 (「3月15日前完成」, 省安委会办公室 alone) is due on Friday 2024-03-15: reminders on 03-08 and
/// 03-14 (its 30-day reminder, 02-14, had passed when the plan was issued on 02-25), overdue at 03-16 00:00, 函告 on
/// Monday 03-18, the first working day after.
/// </summary>
public sealed class DatedLifecycleTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private EngineHarness _engine = null!;
    private Assigned _task3 = null!;

    public async Task InitializeAsync()
    {
        _engine = await StartAsync(_data.Path, China(2024, 2, 25, 9));
        _task3 = await _engine.AssignmentAsync(3, "省安委会办公室");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task On_time_close_ends_every_timer_and_never_escalates()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 8, 10));
        Assert.True((await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, "已完成"))).Succeeded);
        await _engine.AdvanceToAsync(China(2024, 3, 11, 10));
        var approved = await _engine.Mediator.Send(new ApproveCompletion(_task3.Id, Assigned.WorkingGroup));
        await _engine.AdvanceToAsync(China(2024, 6, 30));

        Assert.Equal("closed", approved.NewState);
        Assert.Equal(
            [("started", China(2024, 2, 25, 9)), ("reminder", China(2024, 3, 8, 9)), ("applied", China(2024, 3, 8, 10)), ("closed", China(2024, 3, 11, 10))],
            await _engine.JournalAsync(_task3.Id));
        Assert.Empty(await _engine.PendingTimersAsync(_task3.Id));
        var row = await _engine.ReloadAsync(_task3.Id);
        Assert.Equal(China(2024, 3, 11, 10).ToUnixTimeMilliseconds(), row.ClosedAt);
        Assert.False(row.PastDue);
    }

    [Fact]
    public async Task A_late_assignment_becomes_overdue_gets_a_letter_and_can_still_be_closed()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 18, 10));

        Assert.Equal(
            [("started", China(2024, 2, 25, 9)), ("reminder", China(2024, 3, 8, 9)), ("reminder", China(2024, 3, 14, 9)),
             ("overdue", China(2024, 3, 16)), ("letter", China(2024, 3, 18, 9))],
            await _engine.JournalAsync(_task3.Id));
        var row = await _engine.ReloadAsync(_task3.Id);
        Assert.Equal("overdue", row.State);
        Assert.True(row.PastDue);
        await using (var db = _engine.Db())
        {
            var letter = await db.Escalations.SingleAsync(e => e.AssignmentId == _task3.Id);
            Assert.Equal(("letter", "issued"), (letter.Step, letter.Status));
            Assert.True(await db.Outbox.AnyAsync(o => o.AssignmentId == _task3.Id && o.Kind == "letter" && o.UnitId == _task3.UnitId));
        }

        Assert.Equal("completion-applied", (await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, "已整改完成"))).NewState);
        await _engine.AdvanceToAsync(China(2024, 3, 19, 10));
        Assert.Equal("closed", (await _engine.Mediator.Send(new ApproveCompletion(_task3.Id, Assigned.WorkingGroup))).NewState);
        await _engine.AdvanceToAsync(China(2024, 6, 30));

        var events = await _engine.EventsAsync(_task3.Id);
        Assert.Equal(["started", "reminder", "reminder", "overdue", "letter", "applied", "closed"], events);
    }

    [Fact]
    public async Task A_circular_waits_for_the_working_group_and_goes_out_when_approved()
    {
        // The 10th working day after 03-15: 03-18 … 03-22, 03-25 … 03-29.
        await _engine.AdvanceToAsync(China(2024, 3, 29, 10));
        await using var db = _engine.Db();
        var circular = await db.Escalations.SingleAsync(e => e.AssignmentId == _task3.Id && e.Step == "circular");
        Assert.Equal("awaiting-approval", circular.Status);
        Assert.Equal(China(2024, 3, 29, 9).ToUnixTimeMilliseconds(), circular.RaisedAt);
        Assert.True(await db.Outbox.AnyAsync(o => o.AssignmentId == _task3.Id && o.Kind == "escalation-awaiting-approval" && o.UnitId == null));

        var byClerk = await _engine.Mediator.Send(new ApproveEscalation(circular.Id, _task3.Clerk));
        var byWorkingGroup = await _engine.Mediator.Send(new ApproveEscalation(circular.Id, Assigned.WorkingGroup));
        var twice = await _engine.Mediator.Send(new ApproveEscalation(circular.Id, Assigned.WorkingGroup));

        Assert.False(byClerk.Succeeded);
        Assert.True(byWorkingGroup.Succeeded);
        Assert.False(twice.Succeeded);
        db.ChangeTracker.Clear();
        Assert.Equal("issued", (await db.Escalations.SingleAsync(e => e.Id == circular.Id)).Status);
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.AssignmentId == _task3.Id && o.Kind == "circular" && o.UnitId == _task3.UnitId));
    }

    [Fact]
    public async Task With_automatic_escalations_a_circular_is_issued_at_once()
    {
        await _engine.DisposeAsync();
        using var other = new TempFolder();
        _engine = await StartAsync(other.Path, China(2024, 2, 25, 9), settings: new Dictionary<string, string?> { ["WorkflowHost:Engine:AutoApproveEscalations"] = "true" });
        var task3 = await _engine.AssignmentAsync(3, "省安委会办公室");

        await _engine.AdvanceToAsync(China(2024, 3, 29, 10));

        await using var db = _engine.Db();
        Assert.Equal("issued", (await db.Escalations.SingleAsync(e => e.AssignmentId == task3.Id && e.Step == "circular")).Status);
        Assert.True(await db.Outbox.AnyAsync(o => o.AssignmentId == task3.Id && o.Kind == "circular" && o.UnitId == task3.UnitId));
    }

    [Fact]
    public async Task Closing_withdraws_an_escalation_awaiting_approval_and_stops_the_summons()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 29, 10));
        await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, null));
        await _engine.Mediator.Send(new ApproveCompletion(_task3.Id, Assigned.WorkingGroup));
        await _engine.AdvanceToAsync(China(2024, 6, 1));

        await using var db = _engine.Db();
        Assert.Equal("withdrawn", (await db.Escalations.SingleAsync(e => e.AssignmentId == _task3.Id && e.Step == "circular")).Status);
        Assert.DoesNotContain("summons", await _engine.EventsAsync(_task3.Id));
    }

    [Fact]
    public async Task A_rejected_application_returns_for_rework_and_the_resubmission_closes()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 5, 10));
        await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, "初稿"));

        var withoutReason = await _engine.Mediator.Send(new RejectCompletion(_task3.Id, Assigned.WorkingGroup, " "));
        var rejected = await _engine.Mediator.Send(new RejectCompletion(_task3.Id, Assigned.WorkingGroup, "佐证材料不完整"));
        await _engine.AdvanceToAsync(China(2024, 3, 7, 10));
        var again = await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, "已补充"));
        var closed = await _engine.Mediator.Send(new ApproveCompletion(_task3.Id, Assigned.WorkingGroup));

        Assert.False(withoutReason.Succeeded);
        Assert.Contains("理由", withoutReason.Refusal);
        Assert.Equal("in-progress", rejected.NewState);
        Assert.Equal("completion-applied", again.NewState);
        Assert.Equal("closed", closed.NewState);
        Assert.Equal(["started", "applied", "rejected", "applied", "closed"], await _engine.EventsAsync(_task3.Id));
        await using var db = _engine.Db();
        var rejection = await db.Journal.SingleAsync(j => j.AssignmentId == _task3.Id && j.Event == "rejected");
        Assert.Equal(("专班", "佐证材料不完整", "completion-applied", "in-progress"), (rejection.Actor, rejection.Reason, rejection.FromState, rejection.ToState));
        // The unit hears of the rejection; the working group heard of each application.
        Assert.True(await db.Outbox.AnyAsync(o => o.AssignmentId == _task3.Id && o.Kind == "rejected" && o.UnitId == _task3.UnitId));
        Assert.Equal(2, await db.Outbox.CountAsync(o => o.AssignmentId == _task3.Id && o.Kind == "applied" && o.UnitId == null));
    }

    [Fact]
    public async Task A_rejection_after_the_due_date_returns_the_assignment_to_overdue()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 18, 10));
        await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, null));

        var rejected = await _engine.Mediator.Send(new RejectCompletion(_task3.Id, Assigned.WorkingGroup, "未按要求整改"));

        Assert.Equal("overdue", rejected.NewState);
    }

    [Fact]
    public async Task An_approved_extension_moves_the_due_date_and_every_deadline_timer()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 10, 10));
        var requested = await _engine.Mediator.Send(new RequestExtension(_task3.Id, _task3.Clerk, new DateOnly(2024, 4, 15), "需协调省直部门"));
        var approved = await _engine.Mediator.Send(new ApproveExtension(_task3.Id, Assigned.WorkingGroup));

        Assert.Equal("extension-requested", requested.NewState);
        Assert.Equal("in-progress", approved.NewState);
        Assert.Equal(new DateOnly(2024, 4, 15), (await _engine.ReloadAsync(_task3.Id)).DueDate);
        Assert.All((await _engine.PendingTimersAsync(_task3.Id)).Where(t => t.Chain == "deadline"), t => Assert.EndsWith("@2024-04-15", t.Name));

        await _engine.AdvanceToAsync(China(2024, 4, 16, 10));

        // New due date Monday 04-15: 30 days before is Saturday 03-16, so Friday 03-15; 7 days before is 04-08; the
        // last working day before is Friday 04-12; overdue 04-16 00:00; 函告 04-16, the first working day after.
        var deadlineEvents = (await _engine.JournalAsync(_task3.Id)).Where(j => j.Event is "reminder" or "overdue" or "letter").ToList();
        Assert.Equal(
            [("reminder", China(2024, 3, 8, 9)), ("reminder", China(2024, 3, 15, 9)), ("reminder", China(2024, 4, 8, 9)),
             ("reminder", China(2024, 4, 12, 9)), ("overdue", China(2024, 4, 16)), ("letter", China(2024, 4, 16, 9))],
            deadlineEvents);
    }

    [Fact]
    public async Task A_refused_extension_keeps_the_due_date()
    {
        await _engine.AdvanceToAsync(China(2024, 3, 10, 10));
        await _engine.Mediator.Send(new RequestExtension(_task3.Id, _task3.Clerk, new DateOnly(2024, 4, 15), "需协调"));

        var withoutReason = await _engine.Mediator.Send(new RefuseExtension(_task3.Id, Assigned.WorkingGroup, ""));
        var refused = await _engine.Mediator.Send(new RefuseExtension(_task3.Id, Assigned.WorkingGroup, "时限不变"));
        await _engine.AdvanceToAsync(China(2024, 3, 16, 1));

        Assert.False(withoutReason.Succeeded);
        Assert.Equal("in-progress", refused.NewState);
        Assert.Equal(new DateOnly(2024, 3, 15), (await _engine.ReloadAsync(_task3.Id)).DueDate);
        Assert.Equal("overdue", (await _engine.ReloadAsync(_task3.Id)).State);
    }
}
