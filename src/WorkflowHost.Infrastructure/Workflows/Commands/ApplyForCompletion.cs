using Mediator;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>申请办结: the unit says the work is done, with a note on its evidence. A parent (a lead, or a unit that
/// handed its work down) applies only once every child's share is confirmed; the refusal names the open ones.</summary>
public sealed record ApplyForCompletion(long AssignmentId, Actor Actor, string? Note) : ICommand<CommandResult>;

public sealed class ApplyForCompletionHandler(AssignmentCommandExecutor executor) : ICommandHandler<ApplyForCompletion, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApplyForCompletion command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "apply", command.Note, null, (db, assignment, _) =>
            AssignmentTree.OpenChildren(db, assignment.Id) is { Count: > 0 } open
                ? $"{string.Join("、", open)}的分工尚未确认办结,全部确认后方可申请办结"
                : null, cancellationToken);
}
