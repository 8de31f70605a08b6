using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>The working group approves a raised 通报 or 约谈, which then goes out to the unit under the next number of
/// its series in the register (发文登记).</summary>
public sealed record ApproveEscalation(long EscalationId, Actor Actor) : ICommand<CommandResult>;

/// <remarks>Through the one command path on the escalation's assignment, so that approving a 通报 while the task is
/// being closed (which withdraws it) cannot both win: the loser runs again and finds the escalation withdrawn.</remarks>
public sealed class ApproveEscalationHandler(IDbContextFactory<WorkflowDbContext> contexts, AssignmentCommandExecutor executor, DocumentService documents) : ICommandHandler<ApproveEscalation, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApproveEscalation command, CancellationToken cancellationToken)
    {
        if (command.Actor.Role is not (ActorRole.WorkingGroup or ActorRole.Administrator))
            return CommandResult.Refused(RefusalKind.Forbidden, "只有工作专班可以批准督办措施 (only the working group may approve an escalation)");
        long? assignmentId;
        await using (var lookup = await contexts.CreateDbContextAsync(cancellationToken))
            assignmentId = await lookup.Escalations.Where(e => e.Id == command.EscalationId).Select(e => (long?)e.AssignmentId).SingleOrDefaultAsync(cancellationToken);
        if (assignmentId is null) return CommandResult.Refused(RefusalKind.NotFound, $"没有编号为 {command.EscalationId} 的督办措施 (no escalation {command.EscalationId})");

        return await executor.RunAsync(assignmentId.Value, command.Actor, Actors.WorkingGroup, async (db, assignment, _, now) =>
        {
            var escalation = await db.Escalations.SingleAsync(e => e.Id == command.EscalationId, cancellationToken);
            if (escalation.Status != EscalationStatuses.AwaitingApproval)
                return CommandResult.Refused($"该督办措施状态为 {escalation.Status},无需批准 (the escalation is {escalation.Status}, not awaiting approval)");

            var nowMs = UnixTime.Of(now);
            escalation.Status = EscalationStatuses.Issued;
            escalation.DecidedBy = command.Actor.Name;
            escalation.DecidedAt = nowMs;
            await db.SaveChangesAsync(cancellationToken);
            // Issued now: it takes its number in the register with the approval, or neither happens.
            await documents.IssueEscalationAsync(db, escalation.Id, command.Actor.Name, cancellationToken);
            db.Journal.Add(new JournalRow
            {
                AssignmentId = assignment.Id,
                At = nowMs,
                Actor = command.Actor.Name,
                Event = EngineEvents.EscalationApproved,
                FromState = assignment.State,
                ToState = assignment.State,
                Data = JsonSerializer.Serialize(new { escalation = escalation.Id, step = escalation.Step }),
            });
            db.Outbox.Add(new OutboxRow
            {
                Key = $"escalation:{escalation.Id}",
                Kind = escalation.Step,
                AssignmentId = assignment.Id,
                UnitId = assignment.UnitId,
                CreatedAt = nowMs,
                Status = "pending",
                Payload = JsonSerializer.Serialize(new { escalation = escalation.Id, step = escalation.Step, approvedBy = command.Actor.Name }),
            });
            return CommandResult.Done(assignment.State);
        }, cancellationToken);
    }
}
