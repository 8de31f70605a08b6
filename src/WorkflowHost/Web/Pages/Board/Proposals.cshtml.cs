using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>
/// 督办措施待批准: the proposals (拟通报, 拟约谈 …), one per task, step and day, each naming its units. The working
/// group filters them, takes units off one, approves or refuses it — or several at once — and comes back to the same
/// filtered page.
/// </summary>
public sealed class ProposalsModel(ProposalQueries proposals, DashboardQueries board, AssignmentActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Step { get; set; }
    [BindProperty(SupportsGet = true)] public int? Task { get; set; }
    [BindProperty(SupportsGet = true)] public long? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    /// <remarks>"p", not "page": Razor Pages routes by a value called page.</remarks>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNo { get; set; } = 1;

    public ProposalPage Queue { get; private set; } = new([], 0, 0, 1, 1);
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public string? FilterProblem { get; private set; }

    public ProposalFilter Filter => new(Blank(Step), Task, Unit, Blank(Area), Blank(Status), PageNo);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        Units = await board.UnitsAsync(cancel);
        if (Filter.Problem() is { } problem)
        {
            FilterProblem = problem.Problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Queue = await proposals.PageAsync(Filter, cancel);
        return Page();
    }

    /// <summary>批准印发 / 不予印发, for the proposals ticked (or the one whose button was pressed). The decision's own
    /// box must be ticked (checked here, so it holds without JavaScript and for a form sent by hand): a decision issues
    /// numbered documents to every unit named, and cannot be undone.</summary>
    public async Task<IActionResult> OnPostDecideAsync([FromForm] List<long>? ids, [FromForm] string? decision, [FromForm] string? reason,
        [FromForm] List<string>? confirm, CancellationToken cancel)
    {
        var outcome = decision is not ("approve" or "refuse")
            ? new ActionOutcome(OutcomeKind.Invalid, "请选择批准印发或不予印发")
            : confirm?.Contains(decision) != true
                ? new ActionOutcome(OutcomeKind.Invalid, $"请勾选“确认{(decision == "approve" ? "批准印发" : "不予印发")}”后再提交,本次未作任何改动")
                : await actions.DecideProposalsAsync(CurrentUser.From(User)!, ids ?? [], decision == "approve", reason, cancel);
        if (!outcome.Succeeded && reason is { Length: <= 2_000 }) TempData["KeptReason"] = reason;
        TempData[outcome.Succeeded ? "Message" : "Problem"] = outcome.Message;
        return Redirect(Here());
    }

    /// <summary>移出所选单位 from one proposal.</summary>
    public async Task<IActionResult> OnPostStrikeAsync([FromForm] long proposalId, [FromForm] List<long>? escalationIds, CancellationToken cancel)
    {
        var outcome = await actions.StrikeFromProposalAsync(CurrentUser.From(User)!, proposalId, escalationIds ?? [], cancel);
        TempData[outcome.Succeeded ? "Message" : "Problem"] = outcome.Message;
        return Redirect(Here() + $"#p{proposalId}");
    }

    /// <summary>This page under the current filters, at <paramref name="page"/> (the current one by default), with a
    /// handler for a form to post to.</summary>
    public string Here(int? page = null, string? handler = null)
    {
        var f = Filter;
        var parts = new (string Name, string? Value)[]
        {
            ("handler", handler), ("step", f.Step), ("task", f.Task?.ToString(CultureInfo.InvariantCulture)), ("unit", f.Unit?.ToString(CultureInfo.InvariantCulture)),
            ("area", f.Area), ("status", f.Status), ("p", (page ?? f.Page) is var p and > 1 ? p.ToString(CultureInfo.InvariantCulture) : null),
        };
        var query = string.Join("&", parts.Where(x => x.Value is not null).Select(x => $"{x.Name}={Uri.EscapeDataString(x.Value!)}"));
        return "/board/proposals" + (query.Length > 0 ? "?" + query : "");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
