using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>
/// 催办: whoever reviews a share (its parent's unit, or the working group) presses it to act — a reminder mail to the
/// share's unit at once and a line on its timeline. Once a day per share: a second press the same day is refused, so
/// a busy parent cannot flood a 县区's mailbox. The share's state does not change.
/// </summary>
public sealed record Urge(long AssignmentId, Actor Actor, string? Note) : ICommand<CommandResult>;

public sealed class UrgeHandler(AssignmentCommandExecutor executor) : ICommandHandler<Urge, CommandResult>
{
    public async ValueTask<CommandResult> Handle(Urge command, CancellationToken cancellationToken) =>
        await executor.RunAsync(command.AssignmentId, command.Actor, Actors.Reviewer, async (db, child, definition, now) =>
        {
            if (FreeText.Problem("催办说明", "note", command.Note) is { } invalid) return CommandResult.Refused(RefusalKind.Invalid, invalid);
            var state = definition.State(child.State!);
            if (state.Final) return CommandResult.Refused($"该任务当前为「{state.Title}」,无需催办");

            var today = ChinaTime.DateOf(now);
            var dayStarts = UnixTime.Of(ChinaTime.At(today, TimeOnly.MinValue));
            if (await db.Journal.AnyAsync(j => j.AssignmentId == child.Id && j.Event == EngineEvents.Urged && j.At >= dayStarts, cancellationToken))
                return CommandResult.Refused($"今天已催办过该单位,每天最多催办一次 (already urged on {today:yyyy-MM-dd})");

            var nowMs = UnixTime.Of(now);
            var by = await AssignmentTree.ReviewerUnitAsync(db, child, cancellationToken) is { } unitId
                ? await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(cancellationToken)
                : null;
            var data = JsonSerializer.Serialize(new { by, note = command.Note });
            db.Journal.Add(new JournalRow
            {
                AssignmentId = child.Id, At = nowMs, Actor = command.Actor.Name, Event = EngineEvents.Urged,
                FromState = child.State, ToState = child.State, Reason = command.Note, Data = data,
            });
            db.Outbox.Add(new OutboxRow
            {
                Key = $"urged:{child.Id}:{today:yyyy-MM-dd}", Kind = OutboxKinds.Urged, AssignmentId = child.Id, UnitId = child.UnitId,
                CreatedAt = nowMs, Status = OutboxStatus.Pending, Payload = data,
            });
            return CommandResult.Done(child.State);
        }, cancellationToken);
}
