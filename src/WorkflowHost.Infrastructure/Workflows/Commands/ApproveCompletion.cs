using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>审核通过, 销号: the working group closes the assignment. Every pending timer ends with it, and escalations
/// still awaiting approval are withdrawn.</summary>
public sealed record ApproveCompletion(long AssignmentId, Actor Actor, string? Note = null, int? Version = null) : ICommand<CommandResult>;

public sealed class ApproveCompletionHandler(AssignmentCommandExecutor executor) : ICommandHandler<ApproveCompletion, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApproveCompletion command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "approve", command.Note, null, (db, assignment, now) =>
        {
            assignment.ClosedAt = UnixTime.Of(now);
            AssignmentCommandExecutor.CancelTimers(db, assignment.Id, now);
            foreach (var escalation in db.Escalations.Where(e => e.AssignmentId == assignment.Id && e.Status == EscalationStatuses.AwaitingApproval).ToList())
            {
                escalation.Status = EscalationStatuses.Withdrawn;
                escalation.DecidedAt = UnixTime.Of(now);
                escalation.DecidedBy = command.Actor.Name;
                // A proposal whose last unit closed has nothing left to decide.
                if (escalation.ProposalId is not { } proposalId
                    || db.Escalations.Any(e => e.ProposalId == proposalId && e.Status == EscalationStatuses.AwaitingApproval && e.AssignmentId != assignment.Id))
                    continue;
                var proposal = db.EscalationProposals.Single(p => p.Id == proposalId);
                if (proposal.Status != ProposalStatuses.Awaiting) continue;
                proposal.Status = ProposalStatuses.Withdrawn;
                proposal.DecidedAt = UnixTime.Of(now);
            }
            return null;
        }, cancellationToken, command.Version);
}
