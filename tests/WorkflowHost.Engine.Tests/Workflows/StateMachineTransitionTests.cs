using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>Every legal command of the dated-task workflow lands where the requirements say, past due or not.</summary>
public class StateMachineTransitionTests
{
    [Theory]
    [InlineData("in-progress", "apply", false, "completion-applied")]
    [InlineData("overdue", "apply", true, "completion-applied")]
    [InlineData("completion-applied", "approve", false, "closed")]
    [InlineData("completion-applied", "approve", true, "closed")]
    [InlineData("in-progress", "request-extension", false, "extension-requested")]
    [InlineData("overdue", "request-extension", true, "extension-requested")]
    [InlineData("in-progress", "overdue", true, "overdue")]
    // 退回 and the extension decisions go back to work, which is 已逾期 once the due date has passed.
    [InlineData("completion-applied", "reject", false, "in-progress")]
    [InlineData("completion-applied", "reject", true, "overdue")]
    [InlineData("extension-requested", "approve-extension", false, "in-progress")]
    [InlineData("extension-requested", "approve-extension", true, "overdue")]
    [InlineData("extension-requested", "refuse-extension", false, "in-progress")]
    [InlineData("extension-requested", "refuse-extension", true, "overdue")]
    // 撤回 by the unit: back to work, as a decision would leave it.
    [InlineData("completion-applied", "withdraw", false, "in-progress")]
    [InlineData("completion-applied", "withdraw", true, "overdue")]
    [InlineData("extension-requested", "withdraw", false, "in-progress")]
    [InlineData("extension-requested", "withdraw", true, "overdue")]
    public void ALegalCommand_MovesToItsState(string from, string trigger, bool pastDue, string expected)
    {
        var result = WorkflowStateMachine.Fire(Dated, from, trigger, pastDue);

        Assert.Equal(new TransitionResult(true, expected, null), result);
    }

    [Theory]
    [InlineData("in-progress", false, new[] { "apply", "request-extension", "overdue" })]
    [InlineData("overdue", true, new[] { "apply", "request-extension" })]
    [InlineData("completion-applied", false, new[] { "approve", "reject", "withdraw" })]
    [InlineData("extension-requested", true, new[] { "approve-extension", "refuse-extension", "withdraw" })]
    [InlineData("closed", false, new string[0])]
    public void PermittedTriggers_AreExactlyTheTransitionsLeavingTheState(string state, bool pastDue, string[] expected)
    {
        Assert.Equal(expected, WorkflowStateMachine.PermittedTriggers(Dated, state, pastDue));
    }

    [Fact]
    public void PermittedTriggers_AgreeWithFire_ForEveryStateAndTrigger()
    {
        var triggers = Dated.Transitions.Select(t => t.Trigger).Distinct().ToList();
        foreach (var state in Dated.States.Select(s => s.Name))
        {
            foreach (var pastDue in new[] { false, true })
            {
                var permitted = WorkflowStateMachine.PermittedTriggers(Dated, state, pastDue);
                foreach (var trigger in triggers)
                    Assert.Equal(permitted.Contains(trigger), WorkflowStateMachine.Fire(Dated, state, trigger, pastDue).Allowed);
            }
        }
    }

    [Fact]
    public void AReason_IsRequiredWhereTheDefinitionSaysSo()
    {
        Assert.Equal(
            "不能退回:必须填写理由 (cannot reject: a reason is required; current state 申请办结)",
            WorkflowStateMachine.Fire(Dated, "completion-applied", "reject", pastDue: false, reason: "  ").Refusal);
        Assert.Equal("in-progress", WorkflowStateMachine.Fire(Dated, "completion-applied", "reject", false, "佐证材料不全").NewState);
        Assert.Equal("completion-applied", WorkflowStateMachine.Fire(Dated, "in-progress", "apply", false, reason: null).NewState);
    }

    [Fact]
    public void ATransitionThatStaysInItsState_IsAReEntry()
    {
        // Stateless rejects Permit into the same state; the engine must still accept a definition that says "stay".
        var remind = new WorkflowTransition("nudge", "催办", ["in-progress"], "in-progress", null, Actors.WorkingGroup);
        var definition = Dated with { Transitions = [.. Dated.Transitions, remind] };

        Assert.Equal("in-progress", WorkflowStateMachine.Fire(definition, "in-progress", "nudge", pastDue: false).NewState);
    }

    [Fact]
    public void TheOngoingWorkflow_HasNoCommands()
    {
        Assert.Empty(WorkflowStateMachine.PermittedTriggers(Ongoing, "active", pastDue: false));
        var result = WorkflowStateMachine.Fire(Ongoing, "active", "report", pastDue: false);
        Assert.False(result.Allowed);
        Assert.Contains("it has no commands", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoredStateTheDefinitionDoesNotKnow_IsAnError_NotARefusal()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkflowStateMachine.Fire(Dated, "archived", "apply", pastDue: false));

        Assert.Contains("workflow dated-task.v1 has no state 'archived'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_reused_for_every_firing_answers_each_as_if_built_for_it_whatever_came_before_and_on_any_thread()
    {
        // The machine is built once per thread and handed each instance's state and clock: an answer must never depend
        // on the firing before it (another state, the other side of the due date) nor on another thread firing at once.
        var triggers = Dated.Transitions.Select(t => t.Trigger).Distinct().ToList();
        var cases = (from state in Dated.States.Select(s => s.Name) from trigger in triggers from pastDue in new[] { false, true }
                     select (state, trigger, pastDue)).ToList();
        var expected = cases.ToDictionary(c => c, c => StillAnswered(c.state, c.trigger, c.pastDue));
        // Every case after every other case, on one thread: the order of the same cases shuffled many times over.
        var random = new Random(20240226);
        for (var round = 0; round < 50; round++)
            foreach (var c in cases.OrderBy(_ => random.Next()))
                Assert.Equal(expected[c], WorkflowStateMachine.Fire(Dated, c.state, c.trigger, c.pastDue));
        Parallel.For(0, 8, worker =>
        {
            var mine = new Random(worker);
            for (var i = 0; i < 2_000; i++)
            {
                var c = cases[mine.Next(cases.Count)];
                Assert.Equal(expected[c], WorkflowStateMachine.Fire(Dated, c.state, c.trigger, c.pastDue));
            }
        });
    }

    /// <summary>The answer on a fresh thread, where nothing has been fired before.</summary>
    private static TransitionResult StillAnswered(string state, string trigger, bool pastDue)
    {
        TransitionResult? result = null;
        var thread = new Thread(() => result = WorkflowStateMachine.Fire(Dated, state, trigger, pastDue));
        thread.Start();
        thread.Join();
        return result!;
    }
}
