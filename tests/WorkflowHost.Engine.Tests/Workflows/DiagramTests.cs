using WorkflowHost.Engine.Workflows;
using static WorkflowHost.Engine.Tests.Workflows.SeedWorkflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>The diagrams people see show every state by its Chinese title and every command, and mark where an assignment is.</summary>
public class DiagramTests
{
    [Fact]
    public void Mermaid_DeclaresEveryStateWithItsTitle()
    {
        var mermaid = WorkflowStateMachine.ToMermaid(Dated);

        Assert.StartsWith("stateDiagram-v2\n", mermaid.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("state \"推进中\" as in_progress", mermaid, StringComparison.Ordinal);
        Assert.Contains("state \"已逾期\" as overdue", mermaid, StringComparison.Ordinal);
        Assert.Contains("state \"申请办结\" as completion_applied", mermaid, StringComparison.Ordinal);
        Assert.Contains("state \"申请延期\" as extension_requested", mermaid, StringComparison.Ordinal);
        Assert.Contains("state \"已销号\" as closed", mermaid, StringComparison.Ordinal);
        Assert.Contains("[*] --> in_progress", mermaid, StringComparison.Ordinal);
        Assert.Contains("closed --> [*]", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_DrawsEveryTransition_WithBothDestinationsOfAPastDueChoice()
    {
        var lines = WorkflowStateMachine.ToMermaid(Dated).ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();

        string[] expected =
        [
            "in_progress --> completion_applied : 申请办结",
            "overdue --> completion_applied : 申请办结",
            "completion_applied --> closed : 审核通过(销号)",
            "completion_applied --> in_progress : 退回 (未逾期)",
            "completion_applied --> overdue : 退回 (已逾期)",
            "in_progress --> extension_requested : 申请延期",
            "overdue --> extension_requested : 申请延期",
            "extension_requested --> in_progress : 批准延期 (未逾期)",
            "extension_requested --> overdue : 批准延期 (已逾期)",
            "extension_requested --> in_progress : 不予延期 (未逾期)",
            "extension_requested --> overdue : 不予延期 (已逾期)",
            "completion_applied --> in_progress : 撤回申请 (未逾期)",
            "completion_applied --> overdue : 撤回申请 (已逾期)",
            "extension_requested --> in_progress : 撤回申请 (未逾期)",
            "extension_requested --> overdue : 撤回申请 (已逾期)",
            "in_progress --> overdue : 逾期",
        ];
        Assert.Equal(expected, lines.Where(l => l.Contains(" : ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Mermaid_HighlightsTheCurrentState_AndOnlyIt()
    {
        var mermaid = WorkflowStateMachine.ToMermaid(Dated, "overdue");

        Assert.Contains("classDef current ", mermaid, StringComparison.Ordinal);
        Assert.Single(mermaid.ReplaceLineEndings("\n").Split('\n'), l => l.Trim().StartsWith("class ", StringComparison.Ordinal));
        Assert.Contains("class overdue current", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("class ", WorkflowStateMachine.ToMermaid(Dated), StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_RefusesAStateTheDefinitionDoesNotHave()
    {
        Assert.Throws<ArgumentException>(() => WorkflowStateMachine.ToMermaid(Dated, "archived"));
    }

    [Fact]
    public void Mermaid_OfTheOngoingWorkflow_IsItsOneState()
    {
        var mermaid = WorkflowStateMachine.ToMermaid(Ongoing, "active");

        Assert.Contains("state \"持续推进\" as active", mermaid, StringComparison.Ordinal);
        Assert.Contains("[*] --> active", mermaid, StringComparison.Ordinal);
        Assert.Contains("class active current", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_IsAGraphOfEveryStateAndTrigger_WithThePastDueGuards()
    {
        var dot = WorkflowStateMachine.ToDot(Dated);

        Assert.StartsWith("digraph", dot.TrimStart(), StringComparison.Ordinal);
        foreach (var state in Dated.States)
            Assert.Contains($"\"{state.Name}\"", dot, StringComparison.Ordinal);
        foreach (var transition in Dated.Transitions)
            Assert.Contains(transition.Trigger, dot, StringComparison.Ordinal);
        Assert.Contains("\"in-progress\" -> \"completion-applied\" [style=\"solid\", label=\"apply\"]", dot, StringComparison.Ordinal);
        Assert.Contains("\"completion-applied\" -> \"in-progress\" [style=\"solid\", label=\"reject [未逾期 (not past due)]\"]", dot, StringComparison.Ordinal);
        Assert.Contains("\"completion-applied\" -> \"overdue\" [style=\"solid\", label=\"reject [已逾期 (past due)]\"]", dot, StringComparison.Ordinal);
    }
}
