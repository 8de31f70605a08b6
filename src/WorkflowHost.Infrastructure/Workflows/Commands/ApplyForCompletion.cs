using Mediator;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>申请办结: the unit says the work is done, with a note on its evidence.</summary>
public sealed record ApplyForCompletion(long AssignmentId, Actor Actor, string? Note) : ICommand<CommandResult>;

public sealed class ApplyForCompletionHandler(AssignmentCommandExecutor executor) : ICommandHandler<ApplyForCompletion, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApplyForCompletion command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "apply", command.Note, null, cancel: cancellationToken);
}
