using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>Who may act on an assignment: a unit only on its own; only the working group decides; the engine's steps
/// are nobody's to fire by hand. Written once: the commands check it below every page and API, and the web asks the
/// same question first so that it can answer 403 (and log the attempt) before reading any input.</summary>
public static class Authorization
{
    /// <summary>Why <paramref name="actor"/> may not do what <paramref name="required"/> (<see cref="Actors"/>) may to an
    /// assignment of unit <paramref name="assignmentUnitId"/>, or null.</summary>
    public static string? Refusal(string required, Actor actor, long assignmentUnitId) => required switch
    {
        Actors.Unit when actor.Role is not (ActorRole.UnitClerk or ActorRole.UnitLeader) =>
            "只有承办单位可以办理此事项 (only the responsible unit may do this)",
        Actors.Unit when actor.UnitId != assignmentUnitId =>
            "这不是本单位的承办任务 (this assignment belongs to another unit)",
        Actors.WorkingGroup when actor.Role is not (ActorRole.WorkingGroup or ActorRole.Administrator) =>
            "只有工作专班可以审核 (only the working group may decide this)",
        Actors.Timer => "该事项由系统按时限自动处理 (the engine does this when its time comes)",
        _ => null,
    };
}
