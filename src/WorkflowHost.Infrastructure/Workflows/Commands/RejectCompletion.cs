using Mediator;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>退回: the working group sends the application back, with the reason the unit must address.</summary>
/// <param name="Version">The assignment's version the reviewer saw (null: any); see <see cref="WithdrawApplication"/>.</param>
public sealed record RejectCompletion(long AssignmentId, Actor Actor, string Reason, int? Version = null) : ICommand<CommandResult>;

public sealed class RejectCompletionHandler(AssignmentCommandExecutor executor) : ICommandHandler<RejectCompletion, CommandResult>
{
    public async ValueTask<CommandResult> Handle(RejectCompletion command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "reject", command.Reason, null, cancel: cancellationToken, expectedVersion: command.Version);
}
