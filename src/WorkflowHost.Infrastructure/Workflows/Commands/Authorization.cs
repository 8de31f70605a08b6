using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>Data-level authorization for commands: a unit acts only on its own assignments; only the working group
/// decides. Checked here, below every page and API, so no path around it exists.</summary>
public static class Authorization
{
    public static string? Refusal(string transitionActor, Actor actor, AssignmentRow assignment) => transitionActor switch
    {
        "unit" when actor.Role is not (ActorRole.UnitClerk or ActorRole.UnitLeader) =>
            "只有承办单位可以办理此事项 (only the responsible unit may do this)",
        "unit" when actor.UnitId != assignment.UnitId =>
            "这不是本单位的承办任务 (this assignment belongs to another unit)",
        "working-group" when actor.Role is not (ActorRole.WorkingGroup or ActorRole.Administrator) =>
            "只有工作专班可以审核 (only the working group may decide this)",
        "timer" => "该事项由系统按时限自动处理 (the engine does this when its time comes)",
        _ => null,
    };
}
