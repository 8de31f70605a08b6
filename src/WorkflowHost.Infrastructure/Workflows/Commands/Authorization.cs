using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>Who may act on an assignment: a unit only on its own; its reviewer decides (the parent's unit for a child's
/// share, the working group always); the engine's steps are nobody's to fire by hand. Written once: the commands check it below every page and API, and the web asks the
/// same question first so that it can answer 403 (and log the attempt) before reading any input.</summary>
public static class Authorization
{
    /// <summary>Why <paramref name="actor"/> may not do what <paramref name="required"/> (<see cref="Actors"/>) may to an
    /// assignment of unit <paramref name="assignmentUnitId"/> reviewed by unit <paramref name="reviewerUnitId"/> (null:
    /// by the working group only), or null.</summary>
    public static string? Refusal(string required, Actor actor, long assignmentUnitId, long? reviewerUnitId = null) => required switch
    {
        Actors.Unit when actor.Role is not (ActorRole.UnitClerk or ActorRole.UnitLeader) =>
            "只有承办单位可以办理此事项 (only the responsible unit may do this)",
        Actors.Unit when actor.UnitId != assignmentUnitId =>
            "这不是本单位的承办任务 (this assignment belongs to another unit)",
        Actors.WorkingGroup or Actors.Reviewer when actor.Role is ActorRole.WorkingGroup or ActorRole.Administrator => null,
        Actors.Reviewer when reviewerUnitId is not null && actor.Role is ActorRole.UnitClerk or ActorRole.UnitLeader && actor.UnitId == reviewerUnitId => null,
        Actors.Reviewer when reviewerUnitId is not null =>
            "只有上级承办单位或工作专班可以审核 (only the parent unit or the working group may decide this)",
        Actors.WorkingGroup or Actors.Reviewer =>
            "只有工作专班可以审核 (only the working group may decide this)",
        Actors.Timer => "该事项由系统按时限自动处理 (the engine does this when its time comes)",
        _ => null,
    };

    /// <summary>Why <paramref name="actor"/> may not take a working-group decision that belongs to no one assignment
    /// (a proposal, several at once), or null: the same rule as a decision on an assignment.</summary>
    public static string? WorkingGroupRefusal(Actor actor) => Refusal(Actors.WorkingGroup, actor, assignmentUnitId: 0);
}
