using Mediator;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>撤回: the unit takes back its own 办结申请 or 延期申请 while it still waits for a decision; the assignment
/// goes back to work (已逾期 once past due), and the journal's from-state says which of the two it was. Only the unit
/// that sent it (the definition's <c>unit</c> actor), only while pending (the state machine). <paramref name="Version"/>
/// is the assignment's version the unit saw: when the reviewer decided meanwhile, whichever came first wins and the
/// other is refused (409).</summary>
public sealed record WithdrawApplication(long AssignmentId, Actor Actor, string? Note = null, int? Version = null) : ICommand<CommandResult>;

public sealed class WithdrawApplicationHandler(AssignmentCommandExecutor executor) : ICommandHandler<WithdrawApplication, CommandResult>
{
    public async ValueTask<CommandResult> Handle(WithdrawApplication command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, Triggers.Withdraw, command.Note, null,
            cancel: cancellationToken, expectedVersion: command.Version);
}
