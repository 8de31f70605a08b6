using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>A command that does not fit the assignment's state is refused with a sentence that tells the person why.</summary>
public class StateMachineRefusalTests
{
    [Theory]
    [InlineData("in-progress", "approve", "不能审核通过(销号):该任务尚未申请办结 (cannot approve: no completion application is pending; current state 推进中)")]
    [InlineData("overdue", "approve", "不能审核通过(销号):该任务尚未申请办结 (cannot approve: no completion application is pending; current state 已逾期)")]
    [InlineData("in-progress", "reject", "不能退回:该任务尚未申请办结 (cannot reject: no completion application is pending; current state 推进中)")]
    [InlineData("extension-requested", "request-extension", "不能申请延期:已有延期申请待审核 (cannot request-extension: an extension request is already pending review; current state 申请延期)")]
    [InlineData("extension-requested", "apply", "不能申请办结:已有延期申请待审核 (cannot apply: an extension request is already pending review; current state 申请延期)")]
    [InlineData("completion-applied", "apply", "不能申请办结:已申请办结,正在审核 (cannot apply: a completion application is already pending review; current state 申请办结)")]
    [InlineData("in-progress", "approve-extension", "不能批准延期:没有待审核的延期申请 (cannot approve-extension: no extension request is pending; current state 推进中)")]
    [InlineData("closed", "apply", "不能申请办结:该任务已销号,不再接受任何操作 (cannot apply: the task is closed and accepts no further commands; current state 已销号)")]
    [InlineData("completion-applied", "overdue", "不能逾期:只有推进中的任务才会转为逾期 (cannot overdue: only a task in progress becomes overdue; current state 申请办结)")]
    public void AnIllegalCommand_IsRefusedWithItsReason(string state, string trigger, string expected)
    {
        Assert.Equal(new TransitionResult(false, null, expected), WorkflowStateMachine.Fire(Dated, state, trigger, pastDue: false));
    }

    [Theory]
    [InlineData("apply")]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("request-extension")]
    [InlineData("approve-extension")]
    [InlineData("refuse-extension")]
    [InlineData("overdue")]
    public void NothingIsPossibleOnAClosedTask(string trigger)
    {
        foreach (var pastDue in new[] { false, true })
        {
            var result = WorkflowStateMachine.Fire(Dated, "closed", trigger, pastDue);

            Assert.False(result.Allowed);
            Assert.Null(result.NewState);
            Assert.Contains(":该任务已销号,不再接受任何操作 (cannot " + trigger + ": the task is closed", result.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnUnknownCommand_IsRefusedNamingIt_AndWhatTheWorkflowKnows()
    {
        var result = WorkflowStateMachine.Fire(Dated, "in-progress", "approv", pastDue: false);

        Assert.False(result.Allowed);
        Assert.Equal(
            "未知操作“approv”:流程“限期任务”没有这个操作 (unknown trigger 'approv': workflow dated-task.v1 has no such command; " +
            "it knows apply, approve, reject, request-extension, approve-extension, refuse-extension, withdraw, overdue; current state 推进中)",
            result.Refusal);
    }

    [Fact]
    public void ACommandWithoutAnyRefusalText_GetsOneNamingTheState()
    {
        // Strip every refusal text: the fallback must still say what was refused and where.
        var plain = Dated with
        {
            States = Dated.States.Select(s => s with { Refusal = null }).ToList(),
            Transitions = Dated.Transitions.Select(t => t with { Refusal = null }).ToList(),
        };

        Assert.Equal(
            "不能审核通过(销号):当前状态“推进中”下不能执行此操作 (cannot approve: not permitted in state 'in-progress'; current state 推进中)",
            WorkflowStateMachine.Fire(plain, "in-progress", "approve", pastDue: false).Refusal);
    }
}
