using Mediator;
using Microsoft.EntityFrameworkCore;
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
public sealed class AssignmentActions(IMediator mediator, IDbContextFactory<WorkflowDbContext> contexts, EvidenceStore evidence, AuditLog audit)
{
    public async Task<ActionOutcome> ReportAsync(CurrentUser user, long id, string? text, string? figuresText, IReadOnlyList<IncomingFile> files, CancellationToken cancel)
    {
        var (figures, problems) = FiguresText.Parse(figuresText);
        if (problems.Count == 0) problems.AddRange(ReportFigures.Problems(figures));
        problems.AddRange(TextRequired(text));
        problems.AddRange(Texts(("报送内容", "text", text)));
        return await RunAsync(user, id, "report", Actors.Unit, files, "report", problems, _ =>
            mediator.Send(new SubmitReport(id, user.Actor, text ?? "", figures.Count == 0 ? null : figures), cancel), cancel);
    }

    public async Task<ActionOutcome> ReportAsync(CurrentUser user, long id, string? text, IReadOnlyDictionary<string, decimal>? figures, CancellationToken cancel) =>
        await RunAsync(user, id, "report", Actors.Unit, [], "report", [.. TextRequired(text), .. Texts(("报送内容", "text", text)), .. ReportFigures.Problems(figures)], _ =>
            mediator.Send(new SubmitReport(id, user.Actor, text ?? "", figures is { Count: > 0 } ? figures : null), cancel), cancel);

    /// <summary>申请办结 needs evidence: at least one file now, or evidence already attached to the assignment.</summary>
    public async Task<ActionOutcome> ApplyAsync(CurrentUser user, long id, string? note, IReadOnlyList<IncomingFile> files, CancellationToken cancel)
    {
        var problems = new List<string>();
        if (files.Count == 0 && !await HasEvidenceAsync(id, cancel))
            problems.Add("申请办结须附佐证材料 (attach at least one evidence file to apply for completion)");
        problems.AddRange(Texts(("办结说明", "note", note)));
        return await RunAsync(user, id, "apply", Actors.Unit, files, "completion", problems, _ =>
            mediator.Send(new ApplyForCompletion(id, user.Actor, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), cancel), cancel);
    }

    public async Task<ActionOutcome> RequestExtensionAsync(CurrentUser user, long id, DateOnly? date, string? reason, IReadOnlyList<IncomingFile> files, CancellationToken cancel)
    {
        var problems = new List<string>();
        if (date is null) problems.Add("请填写申请延期至的日期 (the requested date is missing)");
        if (string.IsNullOrWhiteSpace(reason)) problems.Add("申请延期须说明理由 (a reason is required)");
        problems.AddRange(Texts(("延期理由", "reason", reason)));
        return await RunAsync(user, id, "request-extension", Actors.Unit, files, "extension", problems, _ =>
            mediator.Send(new RequestExtension(id, user.Actor, date ?? default, reason!.Trim()), cancel), cancel);
    }

    public Task<ActionOutcome> ApproveAsync(CurrentUser user, long id, string? note, CancellationToken cancel) =>
        RunAsync(user, id, "approve", Actors.Reviewer, [], null, Texts(("审核意见", "note", note)), _ => mediator.Send(new ApproveCompletion(id, user.Actor, note), cancel), cancel);

    public Task<ActionOutcome> RejectAsync(CurrentUser user, long id, string? reason, CancellationToken cancel) =>
        RunAsync(user, id, "reject", Actors.Reviewer, [], null, [.. ReasonRequired(reason, "退回"), .. Texts(("退回理由", "reason", reason))], _ => mediator.Send(new RejectCompletion(id, user.Actor, reason!.Trim()), cancel), cancel);

    public Task<ActionOutcome> ApproveExtensionAsync(CurrentUser user, long id, string? note, CancellationToken cancel) =>
        RunAsync(user, id, "approve-extension", Actors.Reviewer, [], null, Texts(("意见", "note", note)), _ => mediator.Send(new ApproveExtension(id, user.Actor, note), cancel), cancel);

    public Task<ActionOutcome> RefuseExtensionAsync(CurrentUser user, long id, string? reason, CancellationToken cancel) =>
        RunAsync(user, id, "refuse-extension", Actors.Reviewer, [], null, [.. ReasonRequired(reason, "不予延期"), .. Texts(("不予延期理由", "reason", reason))], _ => mediator.Send(new RefuseExtension(id, user.Actor, reason!.Trim()), cancel), cancel);

    /// <summary>下达: hand the share down to sub-units with an internal deadline (a date or working days before one's own).</summary>
    public Task<ActionOutcome> HandDownAsync(CurrentUser user, long id, IReadOnlyList<long>? unitIds, DateOnly? due, int? workdaysBefore, string? note, CancellationToken cancel) =>
        RunAsync(user, id, "hand-down", Actors.Unit, [], null, Texts(("下达说明", "note", note)), _ =>
            mediator.Send(new HandDown(id, user.Actor, unitIds ?? [], due, workdaysBefore, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), cancel), cancel);

    public async Task<ActionOutcome> ApproveEscalationAsync(CurrentUser user, long escalationId, CancellationToken cancel)
    {
        var result = await mediator.Send(new ApproveEscalation(escalationId, user.Actor), cancel);
        return await FinishAsync(user, "approve-escalation", $"escalation:{escalationId}", FromResult(result, "已批准,督办措施已发出"), cancel);
    }

    private async Task<ActionOutcome> RunAsync(CurrentUser user, long id, string action, string required, IReadOnlyList<IncomingFile> files,
        string? filePurpose, List<string> problems, Func<CancellationToken, ValueTask<CommandResult>> send, CancellationToken cancel)
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

        problems.AddRange(evidence.Check(files));
        if (problems.Count > 0) return await FinishAsync(user, action, target, new ActionOutcome(OutcomeKind.Invalid, string.Join(";", problems)), cancel);

        var result = await send(cancel);
        if (result.Succeeded && files.Count > 0 && filePurpose is not null)
            await evidence.SaveAsync(id, unitId, filePurpose, files, user, cancel);
        return await FinishAsync(user, action, target, FromResult(result, DoneMessage(action)), cancel);
    }

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

    private static string DoneMessage(string action) => action switch
    {
        "report" => "进展已报送",
        "apply" => "办结申请已提交,等待专班审核",
        "request-extension" => "延期申请已提交,等待专班审批",
        "approve" => "已审核通过,任务销号",
        "reject" => "已退回,单位将收到退回理由",
        "approve-extension" => "已批准延期",
        "refuse-extension" => "已不予延期",
        "hand-down" => "已下达,下级单位将收到通知",
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
