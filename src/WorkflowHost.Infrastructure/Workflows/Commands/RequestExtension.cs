using Mediator;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>申请延期: the unit asks for a later due date, with a reason.</summary>
public sealed record RequestExtension(long AssignmentId, Actor Actor, DateOnly NewDueDate, string Reason) : ICommand<CommandResult>;

public sealed class RequestExtensionHandler(AssignmentCommandExecutor executor) : ICommandHandler<RequestExtension, CommandResult>
{
    public async ValueTask<CommandResult> Handle(RequestExtension command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "request-extension", command.Reason,
            new { requestedDate = command.NewDueDate.ToString("yyyy-MM-dd") }, (_, assignment, _) =>
                assignment.DueDate is { } due && command.NewDueDate <= due
                    ? $"延期后的日期须晚于现时限 {due:yyyy-MM-dd} (the new due date must be after {due:yyyy-MM-dd})"
                    : null,
            cancellationToken);
}
