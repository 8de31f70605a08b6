using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>
/// The one way people change an assignment: check who may do it, ask the workflow definition whether the state
/// allows it, then write the new state, the journal row, the notification and any timer changes in one transaction.
/// Two concurrent commands on one assignment cannot both win: the version column makes the loser retry, and on retry
/// the state machine sees the winner's state.
/// </summary>
public sealed class AssignmentCommandExecutor(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime)
{
    /// <summary>Maps a trigger to the journal's event name.</summary>
    private static readonly Dictionary<string, string> EventOf = new()
    {
        ["apply"] = EngineEvents.Applied,
        ["approve"] = EngineEvents.Closed,
        ["reject"] = EngineEvents.Rejected,
        [Triggers.RequestExtension] = EngineEvents.ExtensionRequested,
        ["approve-extension"] = EngineEvents.Extended,
        ["refuse-extension"] = EngineEvents.ExtensionRefused,
        [Triggers.Withdraw] = EngineEvents.Withdrawn,
    };

    public delegate string? Effects(WorkflowDbContext db, AssignmentRow assignment, DateTimeOffset now);

    /// <summary>What a command does once the assignment is loaded and the actor may act: changes to the assignment and
    /// rows beside it, or a refusal. Nothing is saved unless it returns <see cref="CommandResult.Done"/>.</summary>
    public delegate Task<CommandResult> Body(WorkflowDbContext db, AssignmentRow assignment, WorkflowDefinition definition, DateTimeOffset now);

    /// <summary>
    /// The one path of a person's command on an assignment: in one transaction, load it (404 when missing), check that
    /// <paramref name="actor"/> may act as <paramref name="required"/> (403), run <paramref name="body"/>, bump the
    /// version and save; when another writer got there first, all of it runs again on what the winner left.
    /// </summary>
    public Task<CommandResult> RunAsync(long assignmentId, Actor actor, string required, Body body, CancellationToken cancel) =>
        RunAsync(assignmentId, actor, _ => required, body, null, cancel);

    /// <summary>The refusal when the assignment is no longer at the version the person saw: someone acted meanwhile
    /// (the unit withdrew and applied again, the working group decided), so acting on the old page could decide
    /// something the person never read.</summary>
    public static string Stale(long assignmentId) =>
        $"该任务在您打开页面后已有新的办理,请刷新页面查看最新状态后再操作 (assignment {assignmentId} changed since it was read)";

    /// <summary>As above, with who may act read from the assignment's own definition (null: the definition has no
    /// such step, and the state machine refuses it).</summary>
    private Task<CommandResult> RunAsync(long assignmentId, Actor actor, Func<WorkflowDefinition, string?> required, Body body, int? expectedVersion, CancellationToken cancel) =>
        ConcurrencyRetry.RunAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancel);
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == assignmentId, cancel);
            if (assignment?.State is null) return CommandResult.Refused(RefusalKind.NotFound, $"没有编号为 {assignmentId} 的承办任务 (no assignment {assignmentId})");
            var definition = runtime.DefinitionOf(assignment);
            if (required(definition) is { } who && Authorization.Refusal(who, actor, assignment.UnitId,
                    who == Actors.Reviewer ? await AssignmentTree.ReviewerUnitAsync(db, assignment, cancel) : null) is { } denied)
                return CommandResult.Refused(RefusalKind.Forbidden, denied);
            // Read at one version, sent against another: whoever got there first wins, the other is told (409). A
            // retry after a lost race lands here too, so the loser of a race never acts on what the winner left.
            if (expectedVersion is { } seen && assignment.Version != seen)
                return CommandResult.Refused(RefusalKind.Conflict, Stale(assignmentId));

            // Bumped first, so that a body saving part-way (to learn an id) already claims the version; a refusal
            // saves nothing, the context is dropped.
            assignment.Version++;
            var result = await body(db, assignment, definition, runtime.Clock.GetUtcNow());
            // A trial (CommandTrial) keeps nothing: disposing the transaction rolls back what the body saved.
            if (!result.Succeeded || CommandTrial.IsActive) return result;
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return result;
        });

    public Task<CommandResult> TransitionAsync(long assignmentId, Actor actor, string trigger, string? reason, object? data,
        Effects? effects = null, CancellationToken cancel = default, int? expectedVersion = null) =>
        RunAsync(assignmentId, actor, definition => definition.Transitions.FirstOrDefault(t => t.Trigger == trigger)?.Actor,
            (db, assignment, definition, now) => TransitionAsync(db, assignment, definition, now, actor, trigger, reason, data, effects, cancel), expectedVersion, cancel);

    private static async Task<CommandResult> TransitionAsync(WorkflowDbContext db, AssignmentRow assignment, WorkflowDefinition definition, DateTimeOffset now,
        Actor actor, string trigger, string? reason, object? data, Effects? effects, CancellationToken cancel)
    {
        var transition = definition.Transitions.FirstOrDefault(t => t.Trigger == trigger);
        if (transition is { RequiresReason: true } && string.IsNullOrWhiteSpace(reason))
            return CommandResult.Refused(RefusalKind.Invalid, $"{transition.Title}须说明理由 (a reason is required to {trigger})");

        // Effects run first because they may change what the transition depends on (an extension moves the due
        // date); if anything is refused afterwards, nothing of them is saved.
        var refusal = effects?.Invoke(db, assignment, now);
        if (refusal is not null) return CommandResult.Refused(refusal);

        var pastDue = assignment.PastDue || (assignment.DueDate is { } due && ChinaTime.DateOf(now) > due);
        var result = WorkflowStateMachine.Fire(definition, assignment.State!, trigger, pastDue);
        if (!result.Allowed) return CommandResult.Refused(result.Refusal!);

        var from = assignment.State;
        assignment.State = result.NewState!;
        var eventName = EventOf.GetValueOrDefault(trigger, trigger);
        var nowMs = UnixTime.Of(now);
        var journal = new JournalRow
        {
            AssignmentId = assignment.Id,
            At = nowMs,
            Actor = actor.Name,
            Event = eventName,
            FromState = from,
            ToState = assignment.State,
            Reason = reason,
            Data = data is null ? null : JsonSerializer.Serialize(data),
        };
        db.Journal.Add(journal);
        await db.SaveChangesAsync(cancel);

        // Units hear of decisions about them; whoever reviews hears of applications to decide: the parent's unit for a
        // child's share, the working group (null) otherwise.
        var recipient = transition!.Actor == Actors.Unit ? await AssignmentTree.ReviewerUnitAsync(db, assignment, cancel) : assignment.UnitId;
        db.Outbox.Add(new OutboxRow
        {
            Key = $"journal:{journal.Id}",
            Kind = eventName,
            AssignmentId = assignment.Id,
            UnitId = recipient,
            CreatedAt = nowMs,
            Status = "pending",
            Payload = JsonSerializer.Serialize(new { reason, data }),
        });
        return CommandResult.Done(assignment.State);
    }

    /// <summary>Cancels an assignment's pending timers of the given chains (all chains when none are named), and those
    /// held as incidents: a step that no longer applies is not retried (its incident is resolved by the engine).</summary>
    public static void CancelTimers(WorkflowDbContext db, long assignmentId, DateTimeOffset now, params string[] chains)
    {
        var pending = db.Timers.Where(t => t.AssignmentId == assignmentId && (t.Status == TimerStatus.Pending || t.Status == TimerStatus.Held)).ToList();
        foreach (var timer in pending.Where(t => chains.Length == 0 || chains.Contains(t.Chain)))
        {
            timer.Status = TimerStatus.Cancelled;
            timer.FiredAt = UnixTime.Of(now);
        }
    }
}
