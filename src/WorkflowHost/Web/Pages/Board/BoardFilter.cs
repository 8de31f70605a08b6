using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>The filters the board pages share (行动, 单位, 区域, 状态), read from the query string.</summary>
public sealed class BoardFilter
{
    public string? Action { get; set; }
    public long? Unit { get; set; }
    public string? Area { get; set; }
    public string? State { get; set; }
    public int? Task { get; set; }

    /// <summary>The plan's year (计划); none: every plan, so that nothing unfinished of an earlier year drops off the board.</summary>
    public int? Plan { get; set; }

    /// <summary>The imported plans to choose from, newest first.</summary>
    public IReadOnlyList<PlanChoice> Plans { get; set; } = [];

    public List<string> Actions { get; set; } = [];
    public List<UnitRow> Units { get; set; } = [];

    /// <summary>The states to choose from: every state of the loaded definitions, as they name and order them.</summary>
    public IReadOnlyList<WorkflowState> States { get; set; } = [];

    public AssignmentFilter ToFilter() => new(Unit, Action, State, Area, null, Task, PlanYear: Plan);
}
