using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>Every command the state or the actor does not allow is refused with a reason, and changes nothing: not the
/// assignment, not the journal, not the outbox, not the timers.</summary>
public sealed class RefusedCommandTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private EngineHarness _engine = null!;
    private Assigned _task3 = null!;
    private Assigned _other = null!;

    public async Task InitializeAsync()
    {
        _engine = await StartAsync(_data.Path, China(2024, 2, 25, 9));
        _task3 = await _engine.AssignmentAsync(3, "省安委会办公室");
        _other = await _engine.AssignmentAsync(7, "省应急厅");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _data.Dispose();
    }

    private async Task<(int Journal, int Outbox, int Timers, int Reports, string? State, int Version)> SnapshotAsync()
    {
        await using var db = _engine.Db();
        var row = await db.Assignments.AsNoTracking().SingleAsync(a => a.Id == _task3.Id);
        return (await db.Journal.CountAsync(), await db.Outbox.CountAsync(), await db.Timers.CountAsync(t => t.Status == 0), await db.Reports.CountAsync(), row.State, row.Version);
    }

    private async Task AssertRefusedAsync(ICommandOf command, string because)
    {
        var before = await SnapshotAsync();
        var result = await command.SendAsync(_engine);
        Assert.False(result.Succeeded, $"expected refusal: {because}");
        Assert.Contains(because, result.Refusal);
        Assert.Equal(before, await SnapshotAsync());
    }

    public interface ICommandOf
    {
        Task<CommandResult> SendAsync(EngineHarness engine);
    }

    private sealed record Send<T>(T Command) : ICommandOf where T : Mediator.ICommand<CommandResult>
    {
        public async Task<CommandResult> SendAsync(EngineHarness engine) => await engine.Mediator.Send(Command);
    }

    private static Send<T> Command<T>(T command) where T : Mediator.ICommand<CommandResult> => new(command);

    [Fact]
    public async Task Commands_that_the_state_does_not_allow_are_refused()
    {
        var wg = Assigned.WorkingGroup;
        await AssertRefusedAsync(Command(new ApproveCompletion(_task3.Id, wg)), "尚未申请办结");
        await AssertRefusedAsync(Command(new RejectCompletion(_task3.Id, wg, "退回")), "尚未申请办结");
        await AssertRefusedAsync(Command(new ApproveExtension(_task3.Id, wg)), "延期申请");
        await AssertRefusedAsync(Command(new RefuseExtension(_task3.Id, wg, "不同意")), "延期申请");
        await AssertRefusedAsync(Command(new RequestExtension(_task3.Id, _task3.Clerk, new DateOnly(2024, 3, 1), "需要时间")), "须晚于现时限 2024-03-15");
        await AssertRefusedAsync(Command(new RequestExtension(_task3.Id, _task3.Clerk, new DateOnly(2024, 4, 1), "")), "理由");

        await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, null));
        await AssertRefusedAsync(Command(new ApplyForCompletion(_task3.Id, _task3.Clerk, null)), "已申请办结");
        await AssertRefusedAsync(Command(new RequestExtension(_task3.Id, _task3.Clerk, new DateOnly(2024, 4, 1), "需要时间")), "已申请办结");

        await _engine.Mediator.Send(new ApproveCompletion(_task3.Id, wg));
        await AssertRefusedAsync(Command(new ApproveCompletion(_task3.Id, wg)), "已销号");
        await AssertRefusedAsync(Command(new ApplyForCompletion(_task3.Id, _task3.Clerk, null)), "已销号");
        await AssertRefusedAsync(Command(new SubmitReport(_task3.Id, _task3.Clerk, "情况")), "已销号");
    }

    [Fact]
    public async Task Commands_from_the_wrong_person_are_refused()
    {
        var otherClerk = _other.Clerk;
        var leaderOfOther = new Actor("省应急厅负责人", ActorRole.UnitLeader, _other.UnitId);
        await AssertRefusedAsync(Command(new ApplyForCompletion(_task3.Id, otherClerk, null)), "不是本单位");
        await AssertRefusedAsync(Command(new SubmitReport(_task3.Id, leaderOfOther, "代报")), "不是本单位");
        await AssertRefusedAsync(Command(new ApplyForCompletion(_task3.Id, Assigned.WorkingGroup, null)), "只有承办单位");

        await _engine.Mediator.Send(new ApplyForCompletion(_task3.Id, _task3.Clerk, null));
        await AssertRefusedAsync(Command(new ApproveCompletion(_task3.Id, _task3.Clerk)), "只有工作专班");
        await AssertRefusedAsync(Command(new RejectCompletion(_task3.Id, otherClerk, "不行")), "只有工作专班");
    }

    [Fact]
    public async Task Bad_input_is_refused()
    {
        await AssertRefusedAsync(Command(new ApplyForCompletion(999_999, _task3.Clerk, null)), "没有编号为 999999");
        await AssertRefusedAsync(Command(new SubmitReport(_task3.Id, _task3.Clerk, "   ")), "不能为空");
        await AssertRefusedAsync(Command(new SubmitReport(_task3.Id, _task3.Clerk, new string('字', WorkflowHost.Infrastructure.Input.InputLimits.FreeTextLength + 1))), "超过");
        await AssertRefusedAsync(Command(new SubmitReport(_task3.Id, _task3.Clerk, "情况", Period: "2024-13")), "2024-13");
        await AssertRefusedAsync(Command(new ApproveEscalation(12345, Assigned.WorkingGroup)), "12345");
    }
}
