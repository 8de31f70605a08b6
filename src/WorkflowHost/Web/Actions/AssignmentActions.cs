using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Web.Files;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Actions;

/// <summary>
/// What people do to assignments, shared by the pages and the API: check who may (so the answer is 403 and the attempt
/// is logged), check the input, send the engine's command (which checks again, below every path), store evidence
/// only once the command went through, and write the audit log either way.
/// </summary>
public sealed class AssignmentActions(IMediator mediator, IDbContextFactory<WorkflowDbContext> contexts, EvidenceStore evidence, AuditLog audit, SignOffDesk signOffs)
{
    public async Task<ActionOutcome> ReportAsync(CurrentUser user, long id, string? text, string? figuresText, IReadOnlyList<IncomingFile> files, CancellationToken cancel)
    {
        var (figures, problems) = FiguresText.Parse(figuresText);
        if (problems.Count == 0) problems.AddRange(ReportFigures.Problems(figures));
        var fields = FieldsOf(problems, ("figures", [.. problems]), ("text", [.. TextRequired(text), .. Texts(("报送内容", "text", text))]));
        return await SendAsync(user, id, Actors.Unit, files, "report", problems, new Outgoing(Outgoing.Report, Text: text, Figures: figures.Count == 0 ? null : figures), cancel, fields: fields);
    }

    public async Task<ActionOutcome> ReportAsync(CurrentUser user, long id, string? text, IReadOnlyDictionary<string, decimal>? figures, CancellationToken cancel) =>
        await SendAsync(user, id, Actors.Unit, [], "report", [.. TextRequired(text), .. Texts(("报送内容", "text", text)), .. ReportFigures.Problems(figures)],
            new Outgoing(Outgoing.Report, Text: text, Figures: figures is { Count: > 0 } ? new Dictionary<string, decimal>(figures) : null), cancel);

    /// <summary>申请办结 needs evidence: at least one file now, or evidence already attached to the assignment.</summary>
    public async Task<ActionOutcome> ApplyAsync(CurrentUser user, long id, string? note, IReadOnlyList<IncomingFile> files, CancellationToken cancel)
    {
        var problems = new List<string>();
        var fields = FieldsOf(problems, ("files", files.Count == 0 && !await HasEvidenceAsync(id, cancel) ? ["申请办结须附佐证材料 (attach at least one evidence file to apply for completion)"] : []),
            ("note", Texts(("办结说明", "note", note))));
        return await SendAsync(user, id, Actors.Unit, files, "completion", problems, new Outgoing(Triggers.Apply, Note: Trimmed(note)), cancel, fields: fields);
    }

    public async Task<ActionOutcome> RequestExtensionAsync(CurrentUser user, long id, DateOnly? date, string? reason, IReadOnlyList<IncomingFile> files, CancellationToken cancel)
    {
        var problems = new List<string>();
        var fields = FieldsOf(problems, ("date", date is null ? ["请填写申请延期至的日期 (the requested date is missing)"] : []),
            ("reason", [.. string.IsNullOrWhiteSpace(reason) ? ["申请延期须说明理由 (a reason is required)"] : Array.Empty<string>(), .. Texts(("延期理由", "reason", reason))]));
        return await SendAsync(user, id, Actors.Unit, files, "extension", problems, new Outgoing(Triggers.RequestExtension, Date: date, Reason: Trimmed(reason)), cancel, fields: fields);
    }

    // A decision carries the version the reviewer saw (null from the API: any); see WithdrawAsync.
    public Task<ActionOutcome> ApproveAsync(CurrentUser user, long id, string? note, CancellationToken cancel, int? version = null) =>
        SendAsync(user, id, Actors.Reviewer, [], null, Texts(("审核意见", "note", note)), new Outgoing(Triggers.Approve, Note: note), cancel, version);

    public Task<ActionOutcome> RejectAsync(CurrentUser user, long id, string? reason, CancellationToken cancel, int? version = null) =>
        SendAsync(user, id, Actors.Reviewer, [], null, [.. ReasonRequired(reason, "退回"), .. Texts(("退回理由", "reason", reason))], new Outgoing(Triggers.Reject, Reason: Trimmed(reason)), cancel, version, ReasonField);

    public Task<ActionOutcome> ApproveExtensionAsync(CurrentUser user, long id, string? note, CancellationToken cancel, int? version = null) =>
        SendAsync(user, id, Actors.Reviewer, [], null, Texts(("意见", "note", note)), new Outgoing(Triggers.ApproveExtension, Note: note), cancel, version);

    public Task<ActionOutcome> RefuseExtensionAsync(CurrentUser user, long id, string? reason, CancellationToken cancel, int? version = null) =>
        SendAsync(user, id, Actors.Reviewer, [], null, [.. ReasonRequired(reason, "不予延期"), .. Texts(("不予延期理由", "reason", reason))], new Outgoing(Triggers.RefuseExtension, Reason: Trimmed(reason)), cancel, version, ReasonField);

    /// <summary>撤回: the unit takes back its own pending 办结申请 or 延期申请. Not a draft for 签发: taking back is the
    /// unit's own business and must be quick, before the reviewer decides. <paramref name="version"/> is the
    /// assignment's version the unit saw; against a decision made meanwhile, the first wins and the other gets 409.</summary>
    public Task<ActionOutcome> WithdrawAsync(CurrentUser user, long id, string? note, int? version, CancellationToken cancel) =>
        RunAsync(user, id, Triggers.Withdraw, Actors.Unit, [], null, Texts(("撤回说明", "note", note)), c =>
            mediator.Send(new WithdrawApplication(id, user.Actor, Trimmed(note), version), c), cancel);

    /// <summary>撤回草稿: the unit's clerk takes back a draft still waiting for the leader's 签发; once signed or
    /// returned it is the leader's, and 撤回 is refused.</summary>
    public async Task<ActionOutcome> WithdrawDraftAsync(CurrentUser user, long id, CancellationToken cancel)
    {
        var outcome = await signOffs.WithdrawAsync(user, id, cancel);
        return await FinishAsync(user, "withdraw-draft", $"assignment:{id}", outcome, cancel);
    }

    /// <summary>签发: the unit leader sends the clerk's pending draft on this assignment, as the leader.</summary>
    public async Task<ActionOutcome> SignOffAsync(CurrentUser user, long id, CancellationToken cancel)
    {
        var (draft, kind, refusal) = await signOffs.PendingAsync(user, id, cancel);
        if (draft is null) return await FinishAsync(user, "sign-off", $"assignment:{id}", new ActionOutcome(kind, refusal!), cancel);
        if (!await signOffs.DecideAsync(draft.Id, user, SignOffStatus.Signed, null, cancel))
            return await FinishAsync(user, "sign-off", $"assignment:{id}", new ActionOutcome(OutcomeKind.Conflict, "该草稿已被签发或退回"), cancel);
        var outgoing = Outgoing.FromJson(draft.Payload);
        var result = await mediator.Send(outgoing.ToCommand(id, user.Actor), cancel);
        if (result.Succeeded) await signOffs.JournalAsync(draft, user, EngineEvents.SignedOff, null, cancel);
        else await signOffs.FailAsync(draft.Id, result.Refusal!, cancel);
        return await FinishAsync(user, "sign-off", $"assignment:{id}",
            FromResult(result, $"已签发,{outgoing.Title}已发出"), cancel);
    }

    /// <summary>签发退回: the draft goes back to the clerk with the leader's reason; nothing is sent.</summary>
    public async Task<ActionOutcome> RefuseSignOffAsync(CurrentUser user, long id, string? reason, CancellationToken cancel)
    {
        var target = $"assignment:{id}";
        var problems = (List<string>)[.. ReasonRequired(reason, "退回草稿"), .. Texts(("退回理由", "reason", reason))];
        var (draft, kind, refusal) = await signOffs.PendingAsync(user, id, cancel);
        if (draft is null) return await FinishAsync(user, "refuse-sign-off", target, new ActionOutcome(kind, refusal!), cancel);
        if (problems.Count > 0) return await FinishAsync(user, "refuse-sign-off", target, new ActionOutcome(OutcomeKind.Invalid, string.Join(";", problems)), cancel);
        if (!await signOffs.DecideAsync(draft.Id, user, SignOffStatus.Refused, reason!.Trim(), cancel))
            return await FinishAsync(user, "refuse-sign-off", target, new ActionOutcome(OutcomeKind.Conflict, "该草稿已被签发或退回"), cancel);
        await signOffs.JournalAsync(draft, user, EngineEvents.SignOffRefused, reason.Trim(), cancel);
        return await FinishAsync(user, "refuse-sign-off", target, new ActionOutcome(OutcomeKind.Done, "已退回拟稿人,草稿未发出"), cancel);
    }

    /// <summary>下达: hand the share down to sub-units with an internal deadline (a date or working days before one's own).</summary>
    public Task<ActionOutcome> HandDownAsync(CurrentUser user, long id, IReadOnlyList<long>? unitIds, DateOnly? due, int? workdaysBefore, string? note, CancellationToken cancel) =>
        RunAsync(user, id, "hand-down", Actors.Unit, [], null, Texts(("下达说明", "note", note)), _ =>
            mediator.Send(new HandDown(id, user.Actor, unitIds ?? [], due, workdaysBefore, Trimmed(note)), cancel), cancel);

    /// <summary>催办: whoever reviews the share (its parent's unit, the working group) presses it by mail, once a day.</summary>
    public Task<ActionOutcome> UrgeAsync(CurrentUser user, long id, string? note, CancellationToken cancel) =>
        RunAsync(user, id, "urge", Actors.Reviewer, [], null, Texts(("催办说明", "note", note)), _ =>
            mediator.Send(new Urge(id, user.Actor, Trimmed(note)), cancel), cancel);

    public async Task<ActionOutcome> ApproveEscalationAsync(CurrentUser user, long escalationId, CancellationToken cancel)
    {
        var result = await mediator.Send(new ApproveEscalation(escalationId, user.Actor), cancel);
        return await FinishAsync(user, "approve-escalation", $"escalation:{escalationId}", FromResult(result, "已批准,督办措施已发出"), cancel);
    }

    /// <summary>The working group's decision on one or several proposals: approved, each is issued whole under its own
    /// number; refused, none goes out and the reason is kept.</summary>
    public async Task<ActionOutcome> DecideProposalsAsync(CurrentUser user, IReadOnlyList<long> proposalIds, bool approve, string? reason, CancellationToken cancel)
    {
        var result = await mediator.Send(new DecideProposals(proposalIds, approve, Trimmed(reason), user.Actor), cancel);
        var done = approve ? $"已批准 {proposalIds.Distinct().Count()} 项,文书已编号印发" : $"已决定 {proposalIds.Distinct().Count()} 项不予印发";
        return await FinishAsync(user, approve ? "approve-proposals" : "refuse-proposals", $"proposals:{string.Join(",", proposalIds.Take(20))}", FromResult(result, done), cancel);
    }

    /// <summary>移出拟办名单: units taken off a proposal before it is decided.</summary>
    public async Task<ActionOutcome> StrikeFromProposalAsync(CurrentUser user, long proposalId, IReadOnlyList<long> escalationIds, CancellationToken cancel)
    {
        var result = await mediator.Send(new StrikeFromProposal(proposalId, escalationIds, user.Actor), cancel);
        return await FinishAsync(user, "strike-from-proposal", $"proposal:{proposalId}", FromResult(result, $"已将 {escalationIds.Distinct().Count()} 个单位移出名单"), cancel);
    }

    /// <summary>Sends what the unit sends out: at once, or — a clerk's, where the definition declares 签发 — held as a
    /// draft for the unit leader.</summary>
    private Task<ActionOutcome> SendAsync(CurrentUser user, long id, string required, IReadOnlyList<IncomingFile> files, string? filePurpose,
        List<string> problems, Outgoing outgoing, CancellationToken cancel, int? version = null, IReadOnlyCollection<string>? fields = null) =>
        RunAsync(user, id, outgoing.Action, required, files, filePurpose, problems, c => mediator.Send(outgoing.ToCommand(id, user.Actor, version), c), cancel, outgoing, fields);

    private async Task<ActionOutcome> RunAsync(CurrentUser user, long id, string action, string required, IReadOnlyList<IncomingFile> files,
        string? filePurpose, List<string> problems, Func<CancellationToken, ValueTask<CommandResult>> send, CancellationToken cancel, Outgoing? outgoing = null,
        IReadOnlyCollection<string>? fields = null)
    {
        var target = $"assignment:{id}";
        long unitId;
        long? reviewerUnitId;
        await using (var db = await contexts.CreateDbContextAsync(cancel))
        {
            var owner = await db.Assignments.Where(a => a.Id == id)
                .Select(a => new { a.UnitId, Reviewer = db.Assignments.Where(p => p.Id == a.ParentId).Select(p => (long?)p.UnitId).FirstOrDefault() })
                .SingleOrDefaultAsync(cancel);
            if (owner is null) return await FinishAsync(user, action, target, new ActionOutcome(OutcomeKind.NotFound, $"没有编号为 {id} 的承办任务 (no assignment {id})"), cancel);
            (unitId, reviewerUnitId) = (owner.UnitId, owner.Reviewer);
        }
        if (Authorization.Refusal(required, user.Actor, unitId, reviewerUnitId) is { } denied)
            return await FinishAsync(user, action, target, new ActionOutcome(OutcomeKind.Forbidden, denied), cancel);

        var fileProblems = evidence.Check(files).ToList();
        problems.AddRange(fileProblems);
        if (problems.Count > 0)
            return await FinishAsync(user, action, target, new ActionOutcome(OutcomeKind.Invalid, string.Join(";", problems))
            {
                Fields = [.. fields ?? [], .. fileProblems.Count > 0 ? ["files"] : Array.Empty<string>()],
            }, cancel);

        if (outgoing is not null && await signOffs.CheckAsync(user, id, outgoing, cancel) is { } held)
        {
            if (!held.Succeeded) return await FinishAsync(user, action, target, FromResult(held, ""), cancel);
            await signOffs.HoldAsync(user, id, outgoing, cancel);
            if (files.Count > 0 && filePurpose is not null) await evidence.SaveAsync(id, unitId, filePurpose, files, user, cancel);
            return await FinishAsync(user, $"draft-{action}", target,
                new ActionOutcome(OutcomeKind.Done, $"{outgoing.Title}已拟稿,待单位负责人签发后发出") { HeldForSignOff = true }, cancel);
        }

        var result = await send(cancel);
        if (result.Succeeded && files.Count > 0 && filePurpose is not null)
            await evidence.SaveAsync(id, unitId, filePurpose, files, user, cancel);
        return await FinishAsync(user, action, target, FromResult(result, DoneMessage(action, reviewerUnitId is not null && !user.IsWorkingGroup)), cancel);
    }

    /// <summary>A reviewer's refusal has one field, its reason: marked whenever that refusal is refused.</summary>
    private static readonly IReadOnlyCollection<string> ReasonField = ["reason"];

    /// <summary>Adds each field's problems to <paramref name="problems"/> and answers the fields that had any.</summary>
    private static List<string> FieldsOf(List<string> problems, params (string Field, List<string> Problems)[] checks)
    {
        foreach (var (_, found) in checks) problems.AddRange(found.Except(problems));
        return checks.Where(c => c.Problems.Count > 0).Select(c => c.Field).ToList();
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> TextRequired(string? text) =>
        string.IsNullOrWhiteSpace(text) ? ["报送内容不能为空 (the report text is empty)"] : [];

    private static List<string> Texts(params (string Title, string Name, string? Text)[] fields) =>
        fields.Select(f => FreeText.Problem(f.Title, f.Name, f.Text)).OfType<string>().ToList();

    private static List<string> ReasonRequired(string? reason, string what) =>
        string.IsNullOrWhiteSpace(reason) ? [$"{what}须说明理由 (a reason is required)"] : [];

    private static ActionOutcome FromResult(CommandResult result, string done) => result.Succeeded
        ? new ActionOutcome(OutcomeKind.Done, done, result.NewState) { Created = result.Created }
        : new ActionOutcome(result.Kind switch
        {
            RefusalKind.NotFound => OutcomeKind.NotFound,
            RefusalKind.Forbidden => OutcomeKind.Forbidden,
            RefusalKind.Invalid => OutcomeKind.Invalid,
            _ => OutcomeKind.Conflict,
        }, result.Refusal!);

    /// <summary>What the person is told; a child's applications go to its parent's unit, not to the working group,
    /// and its parent confirms (确认办结) where the working group closes (销号).</summary>
    private static string DoneMessage(string action, bool parentReviews) => action switch
    {
        "report" => "进展已报送",
        "apply" => parentReviews ? "办结申请已提交,等待上级单位确认" : "办结申请已提交,等待专班审核",
        "request-extension" => parentReviews ? "延期申请已提交,等待上级单位审批" : "延期申请已提交,等待专班审批",
        "approve" => parentReviews ? "已确认办结" : "已审核通过,任务销号",
        "reject" => "已退回,单位将收到退回理由",
        "approve-extension" => "已批准延期",
        "refuse-extension" => "已不予延期",
        "hand-down" => "已下达,下级单位将收到通知",
        "urge" => "已催办,催办邮件即时发出",
        Triggers.Withdraw => "申请已撤回,任务回到办理中",
        _ => "已完成",
    };

    private async Task<bool> HasEvidenceAsync(long id, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.EvidenceFiles.AnyAsync(f => f.AssignmentId == id && f.Purpose == "completion", cancel);
    }

    private async Task<ActionOutcome> FinishAsync(CurrentUser user, string action, string target, ActionOutcome outcome, CancellationToken cancel)
    {
        await audit.WriteAsync(user, action, target, outcome.Succeeded ? AuditLog.Done : AuditLog.Refused, outcome.Succeeded ? outcome.NewState : outcome.Message, cancel);
        return outcome;
    }
}
