using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Escalations;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>
/// The working group decides proposals (拟通报, 拟约谈 …): approved, each is issued whole — one document naming every
/// unit still in it, one number in the register, a mail to each unit; refused, none of it goes out and the reason is
/// kept. Several are decided together or not at all: one that is no longer awaiting refuses the whole decision.
/// </summary>
public sealed record DecideProposals(IReadOnlyList<long> ProposalIds, bool Approve, string? Reason, Actor Actor) : ICommand<CommandResult>;

/// <remarks>
/// Each unit's share in a proposal is also a change to its assignment: the decision bumps those assignments' versions
/// before it reads which units are still in, so a 销号 racing it (which withdraws the unit's escalation) cannot both win —
/// the loser runs again on what the winner left. The register's lock is taken first, as the gatherer takes it, so the
/// units decided are exactly those shown.
/// </remarks>
public sealed class DecideProposalsHandler(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime, DocumentService documents)
    : ICommandHandler<DecideProposals, CommandResult>
{
    public async ValueTask<CommandResult> Handle(DecideProposals command, CancellationToken cancellationToken)
    {
        if (Authorization.WorkingGroupRefusal(command.Actor) is { } denied) return CommandResult.Refused(RefusalKind.Forbidden, denied);
        if (ProposalInput.IdsProblem(command.ProposalIds) is { } idsProblem) return CommandResult.Refused(RefusalKind.Invalid, idsProblem);
        if (!command.Approve && ProposalInput.ReasonProblem(command.Reason) is { } reasonProblem) return CommandResult.Refused(RefusalKind.Invalid, reasonProblem);
        var ids = command.ProposalIds.Distinct().ToList();

        return await ConcurrencyRetry.RunAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DocumentRegister.LockAsync(db, cancellationToken);
            var proposals = await db.EscalationProposals.Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
            if (ids.Except(proposals.Select(p => p.Id)).ToList() is { Count: > 0 } missing)
                return CommandResult.Refused(RefusalKind.NotFound, $"没有编号为 {string.Join("、", missing)} 的拟办督办措施,未作任何决定 (no proposal {string.Join(", ", missing)})");
            if (proposals.Where(p => p.Status != ProposalStatuses.Awaiting).ToList() is { Count: > 0 } decided)
                return CommandResult.Refused(RefusalKind.Conflict, $"{string.Join("、", decided.Select(p => $"第{p.Id}号{ProposalTerms.StatusTitle(p.Status)}"))},无需再决定;未作任何决定 (proposals {string.Join(", ", decided.Select(p => p.Id))} are not awaiting a decision)");

            var now = runtime.Clock.GetUtcNow();
            var nowMs = UnixTime.Of(now);
            foreach (var proposal in proposals)
            {
                var members = await ProposalMembers.ClaimAsync(db, proposal.Id, cancellationToken);
                if (members.Count == 0)
                    return await NothingLeftAsync(proposal.Id, nowMs, cancellationToken);
                foreach (var escalation in members)
                {
                    escalation.Status = command.Approve ? EscalationStatuses.Issued : EscalationStatuses.Refused;
                    escalation.DecidedBy = command.Actor.Name;
                    escalation.DecidedAt = nowMs;
                }
                proposal.Status = command.Approve ? ProposalStatuses.Issued : ProposalStatuses.Refused;
                proposal.DecidedBy = command.Actor.Name;
                proposal.DecidedAt = nowMs;
                proposal.Reason = command.Approve ? null : command.Reason!.Trim();
                await db.SaveChangesAsync(cancellationToken);

                string? number = null;
                if (command.Approve)
                {
                    var document = await documents.IssueProposalAsync(db, proposal, members[0].Id, command.Actor.Name, cancellationToken);
                    proposal.DocumentId = document.Id;
                    foreach (var escalation in members) escalation.DocumentId = document.Id;
                    number = document.Number;
                }
                await RecordAsync(db, proposal, members, command, number, nowMs, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return CommandResult.Done(null);
        });
    }

    /// <summary>Every unit of the proposal closed its task first: the decision is refused, and the proposal, which has
    /// nothing left to decide, is withdrawn (in a transaction of its own, the decision's being dropped).</summary>
    private async Task<CommandResult> NothingLeftAsync(long proposalId, long nowMs, CancellationToken cancel)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancel))
            await ProposalMembers.WithdrawEmptyAsync(db, nowMs, cancel, [proposalId]);
        return CommandResult.Refused(RefusalKind.Conflict, $"第{proposalId}号拟办督办措施中的单位均已办结,无需再决定;未作任何决定 (every unit of proposal {proposalId} has closed its task)");
    }

    /// <summary>Each unit's timeline records the decision; an issued document goes to each unit by mail.</summary>
    private static async Task RecordAsync(WorkflowDbContext db, EscalationProposalRow proposal, IReadOnlyList<EscalationRow> members, DecideProposals command,
        string? number, long nowMs, CancellationToken cancel)
    {
        var assignmentIds = members.Select(m => m.AssignmentId).ToList();
        var assignments = await db.Assignments.AsNoTracking().Where(a => assignmentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.State, a.UnitId }).ToDictionaryAsync(a => a.Id, cancel);
        foreach (var escalation in members)
        {
            var assignment = assignments[escalation.AssignmentId];
            db.Journal.Add(new JournalRow
            {
                AssignmentId = assignment.Id,
                At = nowMs,
                Actor = command.Actor.Name,
                Event = command.Approve ? EngineEvents.EscalationApproved : EngineEvents.EscalationRefused,
                FromState = assignment.State,
                ToState = assignment.State,
                Reason = proposal.Reason,
                Data = JsonSerializer.Serialize(new { escalation = escalation.Id, step = escalation.Step, proposal = proposal.Id, number }),
            });
            if (!command.Approve) continue;
            db.Outbox.Add(new OutboxRow
            {
                Key = $"escalation:{escalation.Id}",
                Kind = escalation.Step,
                AssignmentId = assignment.Id,
                UnitId = assignment.UnitId,
                CreatedAt = nowMs,
                Status = "pending",
                EscalationId = escalation.Id,
                Payload = JsonSerializer.Serialize(new { step = escalation.Step, approvedBy = command.Actor.Name, proposal = proposal.Id }),
            });
        }
    }
}
