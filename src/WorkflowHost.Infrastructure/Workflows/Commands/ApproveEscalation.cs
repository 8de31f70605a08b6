using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Escalations;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>The working group approves a raised 通报 or 约谈 by one of its units: that is, the proposal the unit stands
/// in, issued whole (<see cref="DecideProposals"/>) — one document, one number, every unit still named in it.</summary>
public sealed record ApproveEscalation(long EscalationId, Actor Actor) : ICommand<CommandResult>;

public sealed class ApproveEscalationHandler(IDbContextFactory<WorkflowDbContext> contexts, ProposalGatherer gatherer, IMediator mediator) : ICommandHandler<ApproveEscalation, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApproveEscalation command, CancellationToken cancellationToken)
    {
        if (Authorization.WorkingGroupRefusal(command.Actor) is { } denied) return CommandResult.Refused(RefusalKind.Forbidden, denied);
        var escalation = await FindAsync(command.EscalationId, cancellationToken);
        if (escalation is null) return CommandResult.Refused(RefusalKind.NotFound, $"没有编号为 {command.EscalationId} 的督办措施 (no escalation {command.EscalationId})");
        if (escalation is { Status: EscalationStatuses.AwaitingApproval, ProposalId: null })
        {
            // Raised a moment ago, before the engine put it in a proposal.
            await gatherer.GatherAsync(cancellationToken);
            escalation = await FindAsync(command.EscalationId, cancellationToken);
        }
        if (escalation!.Status != EscalationStatuses.AwaitingApproval || escalation.ProposalId is not { } proposalId)
            return CommandResult.Refused($"该督办措施{ProposalTerms.EscalationStatusTitle(escalation.Status)},无需批准 (the escalation is {escalation.Status}, not awaiting approval)");
        return await mediator.Send(new DecideProposals([proposalId], Approve: true, Reason: null, command.Actor), cancellationToken);
    }

    private async Task<EscalationRow?> FindAsync(long id, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Escalations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancel);
    }
}
