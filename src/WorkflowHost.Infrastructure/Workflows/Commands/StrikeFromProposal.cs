using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Escalations;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>The working group takes units off a proposal before deciding it (移出拟办名单): they are not named in the
/// document when it is issued. At least one unit stays: to issue nothing, the proposal is refused with a reason.</summary>
public sealed record StrikeFromProposal(long ProposalId, IReadOnlyList<long> EscalationIds, Actor Actor) : ICommand<CommandResult>;

public sealed class StrikeFromProposalHandler(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime) : ICommandHandler<StrikeFromProposal, CommandResult>
{
    public async ValueTask<CommandResult> Handle(StrikeFromProposal command, CancellationToken cancellationToken)
    {
        if (Authorization.WorkingGroupRefusal(command.Actor) is { } denied) return CommandResult.Refused(RefusalKind.Forbidden, denied);
        if (ProposalInput.StruckProblem(command.EscalationIds) is { } problem) return CommandResult.Refused(RefusalKind.Invalid, problem);
        var struck = command.EscalationIds.Distinct().ToList();

        return await ConcurrencyRetry.RunAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DocumentRegister.LockAsync(db, cancellationToken);
            var proposal = await db.EscalationProposals.SingleOrDefaultAsync(p => p.Id == command.ProposalId, cancellationToken);
            if (proposal is null) return CommandResult.Refused(RefusalKind.NotFound, $"没有编号为 {command.ProposalId} 的拟办督办措施 (no proposal {command.ProposalId})");
            if (proposal.Status != ProposalStatuses.Awaiting)
                return CommandResult.Refused(RefusalKind.Conflict, $"第{proposal.Id}号{ProposalTerms.StatusTitle(proposal.Status)},名单不能再改 (proposal {proposal.Id} is {proposal.Status})");

            var members = await ProposalMembers.ClaimAsync(db, proposal.Id, cancellationToken);
            if (struck.Except(members.Select(m => m.Id)).ToList() is { Count: > 0 } strangers)
                return CommandResult.Refused(RefusalKind.Conflict, $"督办记录 {string.Join("、", strangers)} 不在第{proposal.Id}号的待批准名单中,未作任何改动 (escalations {string.Join(", ", strangers)} are not awaiting in proposal {proposal.Id})");
            if (members.All(m => struck.Contains(m.Id)))
                return CommandResult.Refused(RefusalKind.Conflict, "不能把全部单位移出名单;如不印发,请选择不予印发并说明理由 (striking every unit is refused: refuse the proposal instead)");

            var nowMs = UnixTime.Of(runtime.Clock.GetUtcNow());
            var states = await db.Assignments.AsNoTracking().Where(a => members.Select(m => m.AssignmentId).Contains(a.Id))
                .ToDictionaryAsync(a => a.Id, a => a.State, cancellationToken);
            foreach (var escalation in members.Where(m => struck.Contains(m.Id)))
            {
                escalation.Status = EscalationStatuses.Struck;
                escalation.DecidedBy = command.Actor.Name;
                escalation.DecidedAt = nowMs;
                db.Journal.Add(new JournalRow
                {
                    AssignmentId = escalation.AssignmentId,
                    At = nowMs,
                    Actor = command.Actor.Name,
                    Event = EngineEvents.EscalationStruck,
                    FromState = states[escalation.AssignmentId],
                    ToState = states[escalation.AssignmentId],
                    Data = JsonSerializer.Serialize(new { escalation = escalation.Id, step = escalation.Step, proposal = proposal.Id }),
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return CommandResult.Done(null);
        });
    }
}
