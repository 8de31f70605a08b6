using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Files;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Assignments;

/// <summary>One assignment: what it is, where it stands, its timeline and diagram, and the actions open to the
/// person looking at it. Every action posts back here and redirects, so a reload never repeats it.</summary>
public sealed class DetailModel(AssignmentQueries queries, DataAccess access, AssignmentActions actions, SignOffDesk signOffs) : PageModel
{
    public AssignmentDetail Detail { get; private set; } = null!;
    public CurrentUser Me { get; private set; } = null!;
    /// <summary>The viewer's unit's draft on this assignment waiting for 签发.</summary>
    public SignOffDraft? Draft { get; private set; }
    /// <summary>The shares below and the sub-units to hand down to: for the unit that owns this share and the working group.</summary>
    public ShareTree Tree { get; private set; } = ShareTree.None;
    /// <summary>The viewer decides this share's applications: its parent's unit, or the working group.</summary>
    public bool Reviews { get; private set; }
    /// <summary>The viewer's unit carries this share.</summary>
    public bool Mine { get; private set; }
    /// <summary>汇总: the report form started from the shares' reports of this period, when the parent asked for it.</summary>
    public ConsolidatedReport? Consolidated { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, bool consolidate, CancellationToken cancel)
    {
        Me = CurrentUser.From(User)!;
        switch (await access.AssignmentAsync(Me, id, "view-assignment", cancel))
        {
            case Access.NotFound: return NotFound();
            case Access.Refused: return Forbid();
        }
        Detail = (await queries.GetAsync(id, cancel))!;
        if (Me.UnitId is { } unit) Draft = await signOffs.WaitingOnAsync(id, unit, cancel);
        Mine = Me.IsUnitStaff && Me.UnitId == Detail.Summary.UnitId;
        Reviews = Me.IsWorkingGroup || (Me.IsUnitStaff && Detail.Parent?.UnitId == Me.UnitId);
        if (Mine || Me.IsWorkingGroup) Tree = await queries.TreeAsync(Detail.Summary, cancel);
        if (consolidate && Mine && Tree.Children.Count > 0) Consolidated = await queries.ConsolidateAsync(Tree.Children.Select(c => c.Share).ToList(), Detail.CurrentPeriod, cancel);
        return Page();
    }

    public Task<IActionResult> OnPostReportAsync(long id, string? text, string? figures, List<IFormFile> files, CancellationToken cancel) =>
        Do(id, me => actions.ReportAsync(me, id, text, figures, Incoming(files), cancel), ("Report", "text", text), ("Report", "figures", figures),
            ("Report", "files", FileNames(files)));

    public Task<IActionResult> OnPostApplyAsync(long id, string? note, List<IFormFile> files, CancellationToken cancel) =>
        Do(id, me => actions.ApplyAsync(me, id, note, Incoming(files), cancel), ("Apply", "note", note), ("Apply", "files", FileNames(files)));

    public Task<IActionResult> OnPostExtensionAsync(long id, DateOnly? date, string? reason, List<IFormFile> files, CancellationToken cancel) =>
        Do(id, me => actions.RequestExtensionAsync(me, id, date, reason, Incoming(files), cancel), ("Extension", "date", date?.ToString("yyyy-MM-dd")), ("Extension", "reason", reason),
            ("Extension", "files", FileNames(files)));

    // Every decision, and 撤回, needs its confirmation box ticked (checked here, not only by the browser: a form sent
    // without JavaScript or by hand is refused the same) and carries the version the page was read at.
    public Task<IActionResult> OnPostApproveAsync(long id, string? note, string? confirm, int? version, CancellationToken cancel) =>
        Decide(id, Confirmed(confirm, "销号", me => actions.ApproveAsync(me, id, note, cancel, version)), ("Approve", "note", note));

    public Task<IActionResult> OnPostRejectAsync(long id, string? reason, string? confirm, int? version, CancellationToken cancel) =>
        Decide(id, Confirmed(confirm, "退回", me => actions.RejectAsync(me, id, reason, cancel, version)), ("Reject", "reason", reason));

    public Task<IActionResult> OnPostApproveExtensionAsync(long id, string? note, string? confirm, int? version, CancellationToken cancel) =>
        Decide(id, Confirmed(confirm, "批准延期", me => actions.ApproveExtensionAsync(me, id, note, cancel, version)), ("ApproveExtension", "note", note));

    public Task<IActionResult> OnPostRefuseExtensionAsync(long id, string? reason, string? confirm, int? version, CancellationToken cancel) =>
        Decide(id, Confirmed(confirm, "不予延期", me => actions.RefuseExtensionAsync(me, id, reason, cancel, version)), ("RefuseExtension", "reason", reason));

    /// <summary>撤回 of the unit's own pending application or request.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(long id, string? note, string? confirm, int? version, CancellationToken cancel) =>
        Do(id, Confirmed(confirm, "撤回申请", me => actions.WithdrawAsync(me, id, note, version, cancel)), ("Withdraw", "note", note));

    /// <summary>撤回草稿: the clerk takes back the unit's draft still waiting for 签发.</summary>
    public Task<IActionResult> OnPostWithdrawDraftAsync(long id, CancellationToken cancel) =>
        Do(id, me => actions.WithdrawDraftAsync(me, id, cancel));

    public Task<IActionResult> OnPostSignOffAsync(long id, CancellationToken cancel) =>
        Do(id, me => actions.SignOffAsync(me, id, cancel));

    public Task<IActionResult> OnPostRefuseSignOffAsync(long id, string? reason, CancellationToken cancel) =>
        Do(id, me => actions.RefuseSignOffAsync(me, id, reason, cancel));

    /// <summary>确认 / 退回 / 催办 a share below, from this (its parent's) page; back here afterwards.</summary>
    public Task<IActionResult> OnPostApproveChildAsync(long id, long child, string? confirm, CancellationToken cancel) =>
        Do(id, Confirmed(confirm, "确认办结", me => actions.ApproveAsync(me, child, null, cancel)));

    public Task<IActionResult> OnPostRejectChildAsync(long id, long child, string? reason, string? confirm, CancellationToken cancel) =>
        Do(id, Confirmed(confirm, "退回", me => actions.RejectAsync(me, child, reason, cancel)));

    /// <summary>The action, or — when its confirmation box was not ticked — a refusal that changes nothing and says
    /// what to tick (nothing is read or written before it; the action checks who may act once it runs).</summary>
    private Func<CurrentUser, Task<ActionOutcome>> Confirmed(string? confirm, string what, Func<CurrentUser, Task<ActionOutcome>> action) =>
        confirm == ConfirmValue ? action : _ => Task.FromResult(new ActionOutcome(OutcomeKind.Invalid, ConfirmationMissing(what)));

    /// <summary>The value a ticked confirmation box sends.</summary>
    public const string ConfirmValue = "yes";

    public static string ConfirmationMissing(string what) => $"请勾选“确认{what}”后再提交,本次未作任何改动";

    public Task<IActionResult> OnPostUrgeAsync(long id, long child, string? note, CancellationToken cancel) =>
        Do(id, me => actions.UrgeAsync(me, child, note, cancel));

    public Task<IActionResult> OnPostHandDownAsync(long id, List<long> units, DateOnly? due, int? workdaysBefore, string? note, CancellationToken cancel) =>
        Do(id, me => actions.HandDownAsync(me, id, units, due, workdaysBefore, note, cancel), ("HandDown", "note", note),
            ("HandDown", "due", due?.ToString("yyyy-MM-dd")), ("HandDown", "workdaysBefore", workdaysBefore?.ToString()));

    /// <summary>The list this page was opened from (filters, search and page), if it is one of ours.</summary>
    public string? Back => ListAddress.Safe(Request.Query["back"]);

    /// <summary>This page's address, still knowing the list it was opened from.</summary>
    private string Here(long id) => $"/assignments/{id}" + (Back is { } list ? "?back=" + Uri.EscapeDataString(list) : "");

    /// <summary>Runs an action and redirects back here (a reload never repeats it). A refused form comes back as it was
    /// typed: its texts ride along once in TempData (a cookie, hence the bound), files must be chosen again.</summary>
    private Task<IActionResult> Do(long id, Func<CurrentUser, Task<ActionOutcome>> action, params (string Form, string Field, string? Value)[] typed) =>
        Act(id, action, backToList: false, typed);

    /// <summary>A reviewer's decision: once made, back to the list it was opened from (the board as it was filtered,
    /// searched and paged), with the outcome shown there; refused, here again, as <see cref="Do"/>.</summary>
    private Task<IActionResult> Decide(long id, Func<CurrentUser, Task<ActionOutcome>> action, params (string Form, string Field, string? Value)[] typed) =>
        Act(id, action, backToList: true, typed);

    private async Task<IActionResult> Act(long id, Func<CurrentUser, Task<ActionOutcome>> action, bool backToList, (string Form, string Field, string? Value)[] typed)
    {
        var outcome = await action(CurrentUser.From(User)!);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        TempData[outcome.Succeeded ? "Message" : "Problem"] = outcome.Message;
        if (!outcome.Succeeded)
        {
            foreach (var (form, field, value) in typed.Where(t => t.Value is { Length: > 0 and <= KeptLength }))
                TempData[$"kept:{form}:{field}"] = value;
            if (typed.Length > 0 && outcome.Fields.Count > 0) TempData[$"invalid:{typed[0].Form}"] = string.Join(",", outcome.Fields);
        }
        return Redirect(backToList && outcome.Succeeded && Back is { } list ? list : Here(id));
    }

    /// <summary>Longest text kept for a refused form: a page of Chinese, well within a cookie.</summary>
    private const int KeptLength = 2_000;

    /// <summary>What was typed into <paramref name="form"/>'s <paramref name="field"/> before it was refused, once.
    /// TempData's serializer reads a kept text that looks like a date back as a DateTime: the date typed into 延期至 or
    /// 内部时限 comes back as the date it was.</summary>
    public string? Kept(string form, string field) => TempData[$"kept:{form}:{field}"] switch
    {
        string text => text,
        DateTime date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Whether <paramref name="form"/>'s <paramref name="field"/> held the input just refused: the page marks it
    /// (aria-invalid and a red frame) so the person sees where to correct, not only the message at the top.</summary>
    public bool Invalid(string form, string field) =>
        TempData[$"invalid:{form}"] is string fields && fields.Split(',').Contains(field);

    /// <summary>Razor's value for aria-invalid: "true", or null so the attribute is left out.</summary>
    public string? AriaInvalid(string form, string field) => Invalid(form, field) ? "true" : null;

    /// <summary>The names of the files chosen, for a refused form to name them: a browser never lets a page choose a
    /// file again by itself, so the person is told which ones to choose again.</summary>
    private static string? FileNames(List<IFormFile>? files) =>
        string.Join("、", (files ?? []).Select(f => Path.GetFileName(f.FileName)).Where(n => n.Length > 0)) is { Length: > 0 } names ? names : null;

    private static List<IncomingFile> Incoming(List<IFormFile>? files) =>
        (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).Select(IncomingFile.From).ToList();
}
