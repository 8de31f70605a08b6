using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Actions;

/// <summary>A clerk's draft waiting for (or back from) the unit leader, as the 待签发 queue and the clerk's list show it.</summary>
public sealed record SignOffDraft(long Id, long AssignmentId, int TaskNo, string TaskContent, string Title, string Summary,
    string PreparedBy, DateTimeOffset PreparedAt, string Status, string? DecidedBy, string? Reason);

/// <summary>
/// 签发: where a workflow definition declares it, what a unit's clerk sends out of the unit waits here as a draft until
/// the unit's leader signs it (then it is sent as the leader, the clerk recorded as 拟稿) or sends it back with a
/// reason. A leader's own submission, and the working group's, need none.
/// </summary>
public sealed class SignOffDesk(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime, IMediator mediator)
{
    /// <summary>Drafts back from the leader that a clerk still sees on the unit page.</summary>
    public const int ReturnedShown = 20;

    /// <summary>Whether this person's send must wait for the leader: null when it need not; otherwise done when it may
    /// be held, or the refusal the workflow would give it now (so no draft is signed only to fail).</summary>
    public async Task<CommandResult?> CheckAsync(CurrentUser user, long assignmentId, Outgoing outgoing, CancellationToken cancel)
    {
        if (user.Role != WebRoles.UnitClerk) return null;
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var assignment = await db.Assignments.AsNoTracking().SingleAsync(a => a.Id == assignmentId, cancel);
        var definition = runtime.DefinitionOf(assignment);
        if (!definition.SignOff) return null;
        // The whole command, rolled back: whatever the workflow would refuse now is refused now, not at 签发.
        var trial = await CommandTrial.RunAsync(() => mediator.Send(outgoing.ToCommand(assignmentId, user.Actor), cancel));
        if (!trial.Succeeded) return trial;
        var waiting = await db.SignOffs.AsNoTracking()
            .Where(s => s.AssignmentId == assignmentId && s.UnitId == user.UnitId && s.Status == SignOffStatus.Pending)
            .Select(s => s.Action).FirstOrDefaultAsync(cancel);
        return waiting is null ? trial : CommandResult.Refused(RefusalKind.Conflict,
            $"本任务已有一份待签发的{Outgoing.Titles.GetValueOrDefault(waiting, waiting)},请待单位负责人签发或退回后再拟稿");
    }

    /// <summary>Holds a clerk's send as a draft of the clerk's unit.</summary>
    public async Task HoldAsync(CurrentUser user, long assignmentId, Outgoing outgoing, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        db.SignOffs.Add(new SignOffRow
        {
            AssignmentId = assignmentId,
            UnitId = user.UnitId!.Value,
            Action = outgoing.Action,
            Payload = outgoing.ToJson(),
            PreparedBy = user.UserName,
            PreparedAt = UnixTime.Of(runtime.Clock.GetUtcNow()),
            Status = SignOffStatus.Pending,
        });
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>The leader's unit's pending draft on this assignment, or the refusal that says why there is none to decide.</summary>
    public async Task<(SignOffRow? Draft, OutcomeKind Kind, string? Refusal)> PendingAsync(CurrentUser user, long assignmentId, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var pending = await db.SignOffs.AsNoTracking().Where(s => s.AssignmentId == assignmentId && s.Status == SignOffStatus.Pending).ToListAsync(cancel);
        if (user.Role != WebRoles.UnitLeader)
            return (null, OutcomeKind.Forbidden, "只有单位负责人可以签发或退回草稿");
        if (pending.FirstOrDefault(s => s.UnitId == user.UnitId) is { } own) return (own, OutcomeKind.Done, null);
        return pending.Count > 0
            ? (null, OutcomeKind.Forbidden, "这是其他单位的草稿,只能由该单位负责人签发")
            : (null, OutcomeKind.Conflict, "本任务没有待签发的草稿");
    }

    /// <summary>Marks the draft decided, once: false when another request decided it first.</summary>
    public async Task<bool> DecideAsync(long draftId, CurrentUser leader, string status, string? reason, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var now = UnixTime.Of(runtime.Clock.GetUtcNow());
        return await db.SignOffs.Where(s => s.Id == draftId && s.Status == SignOffStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.DecidedBy, leader.UserName)
                .SetProperty(x => x.DecidedAt, now).SetProperty(x => x.Reason, reason), cancel) == 1;
    }

    /// <summary>撤回草稿: the unit's own pending draft on this assignment, taken back by its clerk, once — a leader's
    /// 签发 at the same instant is the same conditional update (<see cref="DecideAsync"/>), so one of them wins.</summary>
    public async Task<ActionOutcome> WithdrawAsync(CurrentUser user, long assignmentId, CancellationToken cancel)
    {
        if (user.Role != WebRoles.UnitClerk || user.UnitId is not { } unit)
            return new ActionOutcome(OutcomeKind.Forbidden, "只有拟稿单位的联络员可以撤回草稿");
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var pending = await db.SignOffs.AsNoTracking()
            .Where(s => s.AssignmentId == assignmentId && s.Status == SignOffStatus.Pending).ToListAsync(cancel);
        var draft = pending.FirstOrDefault(s => s.UnitId == unit);
        if (draft is null)
            return pending.Count > 0
                ? new ActionOutcome(OutcomeKind.Forbidden, "这是其他单位的草稿,只能由该单位撤回")
                : new ActionOutcome(OutcomeKind.Conflict, "本单位在该任务上没有待签发的草稿,无可撤回(可能已被签发或退回)");
        var now = runtime.Clock.GetUtcNow();
        if (await db.SignOffs.Where(s => s.Id == draft.Id && s.Status == SignOffStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignOffStatus.Withdrawn).SetProperty(x => x.DecidedBy, user.UserName)
                    .SetProperty(x => x.DecidedAt, UnixTime.Of(now)), cancel) != 1)
            return new ActionOutcome(OutcomeKind.Conflict, "该草稿已被签发或退回,不能撤回");
        await JournalAsync(draft, user, EngineEvents.DraftWithdrawn, null, cancel);
        return new ActionOutcome(OutcomeKind.Done, $"{Outgoing.Titles.GetValueOrDefault(draft.Action, draft.Action)}草稿已撤回,未发出");
    }

    /// <summary>A signed draft the workflow then refused (its state moved on meanwhile): back to the clerk with why.</summary>
    public async Task FailAsync(long draftId, string refusal, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await db.SignOffs.Where(s => s.Id == draftId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignOffStatus.Failed).SetProperty(x => x.Reason, refusal), cancel);
    }

    /// <summary>Records 拟稿 and 签发 (or 签发退回) on the assignment's timeline.</summary>
    public async Task JournalAsync(SignOffRow draft, CurrentUser leader, string eventName, string? reason, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var state = await db.Assignments.Where(a => a.Id == draft.AssignmentId).Select(a => a.State).SingleAsync(cancel);
        db.Journal.Add(new JournalRow
        {
            AssignmentId = draft.AssignmentId,
            At = UnixTime.Of(runtime.Clock.GetUtcNow()),
            Actor = leader.UserName,
            Event = eventName,
            FromState = state,
            ToState = state,
            Reason = reason,
            Data = System.Text.Json.JsonSerializer.Serialize(new { action = draft.Action, preparedBy = draft.PreparedBy, signedBy = leader.UserName }),
        });
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>The unit's draft waiting on this assignment, if any: shown on the assignment's page.</summary>
    public async Task<SignOffDraft?> WaitingOnAsync(long assignmentId, long unitId, CancellationToken cancel) =>
        (await ListAsync(unitId, pending: true, cancel, assignmentId)).FirstOrDefault();

    /// <summary>待签发 of a unit (pending), or what came back to its clerks (refused or failed, the latest first).</summary>
    public async Task<List<SignOffDraft>> ListAsync(long unitId, bool pending, CancellationToken cancel, long? assignmentId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var statuses = pending ? new[] { SignOffStatus.Pending } : [SignOffStatus.Refused, SignOffStatus.Failed];
        var drafts = db.SignOffs.AsNoTracking().Where(s => s.UnitId == unitId && statuses.Contains(s.Status) && (assignmentId == null || s.AssignmentId == assignmentId));
        // 待签发 oldest first (signed in the order written); what came back, the latest first.
        drafts = pending ? drafts.OrderBy(s => s.PreparedAt).ThenBy(s => s.Id) : drafts.OrderByDescending(s => s.DecidedAt).ThenByDescending(s => s.Id);
        var rows = await (
            from s in drafts.Take(pending ? InputLimits.SignOffQueue : ReturnedShown)
            join a in db.Assignments on s.AssignmentId equals a.Id
            join t in db.PlanTasks on a.TaskId equals t.Id
            select new { s, t.No, t.Content }).ToListAsync(cancel);
        rows = pending ? rows.OrderBy(r => r.s.PreparedAt).ThenBy(r => r.s.Id).ToList() : rows.OrderByDescending(r => r.s.DecidedAt).ThenByDescending(r => r.s.Id).ToList();
        // People are shown by the names the office knows them by (「省应急厅联络员」), not by their sign-in names.
        var accounts = rows.SelectMany(r => new[] { r.s.PreparedBy, r.s.DecidedBy }).OfType<string>().Distinct().ToList();
        var names = await PeopleNames.OfAsync(db, accounts, cancel);
        string Named(string account) => names.GetValueOrDefault(account, account);
        return rows.Select(r =>
        {
            var outgoing = Outgoing.FromJson(r.s.Payload);
            return new SignOffDraft(r.s.Id, r.s.AssignmentId, r.No, r.Content, outgoing.Title, outgoing.Summary, Named(r.s.PreparedBy),
                UnixTime.ToChinaTime(r.s.PreparedAt), r.s.Status, r.s.DecidedBy is { } d ? Named(d) : null, r.s.Reason);
        }).ToList();
    }
}
