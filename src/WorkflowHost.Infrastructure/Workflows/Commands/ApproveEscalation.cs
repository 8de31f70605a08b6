using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>The working group approves a raised 通报 or 约谈, which then goes out to the unit.</summary>
public sealed record ApproveEscalation(long EscalationId, Actor Actor) : ICommand<CommandResult>;

public sealed class ApproveEscalationHandler(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime) : ICommandHandler<ApproveEscalation, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApproveEscalation command, CancellationToken cancellationToken)
    {
        if (command.Actor.Role is not (ActorRole.WorkingGroup or ActorRole.Administrator))
            return CommandResult.Refused("只有工作专班可以批准督办措施 (only the working group may approve an escalation)");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var escalation = await db.Escalations.SingleOrDefaultAsync(e => e.Id == command.EscalationId, cancellationToken);
        if (escalation is null) return CommandResult.Refused($"没有编号为 {command.EscalationId} 的督办措施 (no escalation {command.EscalationId})");
        if (escalation.Status != "awaiting-approval")
            return CommandResult.Refused($"该督办措施状态为 {escalation.Status},无需批准 (the escalation is {escalation.Status}, not awaiting approval)");

        var assignment = await db.Assignments.SingleAsync(a => a.Id == escalation.AssignmentId, cancellationToken);
        var nowMs = UnixTime.Of(runtime.Clock.GetUtcNow());
        escalation.Status = "issued";
        escalation.DecidedBy = command.Actor.Name;
        escalation.DecidedAt = nowMs;
        var journal = new JournalRow
        {
            AssignmentId = assignment.Id,
            At = nowMs,
            Actor = command.Actor.Name,
            Event = EngineEvents.EscalationApproved,
            FromState = assignment.State,
            ToState = assignment.State,
            Data = JsonSerializer.Serialize(new { escalation = escalation.Id, step = escalation.Step }),
        };
        db.Journal.Add(journal);
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
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Done(assignment.State);
    }
}
