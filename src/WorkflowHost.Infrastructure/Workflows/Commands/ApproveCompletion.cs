using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>审核通过, 销号: the working group closes the assignment. Every pending timer ends with it, and escalations
/// still awaiting approval are withdrawn.</summary>
public sealed record ApproveCompletion(long AssignmentId, Actor Actor, string? Note = null) : ICommand<CommandResult>;

public sealed class ApproveCompletionHandler(AssignmentCommandExecutor executor) : ICommandHandler<ApproveCompletion, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApproveCompletion command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "approve", command.Note, null, (db, assignment, now) =>
        {
            assignment.ClosedAt = UnixTime.Of(now);
            AssignmentCommandExecutor.CancelTimers(db, assignment.Id, now);
            foreach (var escalation in db.Escalations.Where(e => e.AssignmentId == assignment.Id && e.Status == "awaiting-approval").ToList())
            {
                escalation.Status = "withdrawn";
                escalation.DecidedAt = UnixTime.Of(now);
                escalation.DecidedBy = command.Actor.Name;
            }
            return null;
        }, cancellationToken);
}
