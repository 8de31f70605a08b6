using Mediator;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>申请延期: the unit asks for a later due date, with a reason; a child's share within its parent's deadline.</summary>
public sealed record RequestExtension(long AssignmentId, Actor Actor, DateOnly NewDueDate, string Reason) : ICommand<CommandResult>;

public sealed class RequestExtensionHandler(AssignmentCommandExecutor executor, WorkflowRuntime runtime) : ICommandHandler<RequestExtension, CommandResult>
{
    public async ValueTask<CommandResult> Handle(RequestExtension command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, Triggers.RequestExtension, command.Reason,
            ExtensionRequestData.Of(command.NewDueDate), (db, assignment, _) =>
                ExtensionDate.Refusal(command.NewDueDate, assignment.DueDate, PlanYear.Of(db, assignment),
                    runtime.Options.ExtensionHorizonYears, runtime.Planner.Calendar)
                ?? AssignmentTree.BeyondParent(db, assignment, command.NewDueDate),
            cancellationToken);
}
