using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Calendar;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Unit;

/// <summary>我的任务: the unit's assignments, most urgent first.</summary>
public sealed class IndexModel(AssignmentQueries queries, CalendarUrl calendar, IDbContextFactory<WorkflowDbContext> contexts,
    SignOffDesk signOffs, AssignmentActions actions, MonthlyReportQueries monthly) : PageModel
{
    /// <summary>Tasks of the unit not yet reported this period (一次报送本期进展).</summary>
    public int DueReports { get; private set; }

    /// <summary>待签发 (for the leader) and the drafts that came back (for the clerks).</summary>
    public List<SignOffDraft> Pending { get; private set; } = [];
    public List<SignOffDraft> Returned { get; private set; } = [];
    public bool IsLeader { get; private set; }
    /// <summary>待确认: shares below the unit's own (its co-units', its 县区') whose applications it decides.</summary>
    public List<AssignmentSummary> ToConfirm { get; private set; } = [];

    public List<AssignmentSummary> Assignments { get; private set; } = [];
    public Dictionary<TrafficLight, int> Counts { get; private set; } = [];
    public TrafficLight? Light { get; private set; }
    public string UnitName { get; private set; } = "";
    public string CalendarUrl { get; private set; } = "";

    /// <summary>Lines of a page of the list: a department carries up to ~40 tasks, a phone shows a screenful.</summary>
    public const int PageSize = 20;

    /// <summary>The search box as typed, the page shown, and why either was refused (Chinese, the field named).</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The page asked for, read from the query string (not bound: "page" is also Razor Pages' own route value).</summary>
    public string? PageText => Request.Query["page"];
    public string? Problem { get; private set; }
    public ListPaging Paging { get; private set; } = ListPaging.Of(1, 0, PageSize);
    private BoardSearch? Search { get; set; }

    public async Task OnGetAsync(TrafficLight? light, [FromServices] SearchText searchText, CancellationToken cancel)
    {
        var user = CurrentUser.From(User)!;
        var unitId = user.UnitId!.Value;
        var (search, searchProblem) = searchText.Read(Q);
        var (page, pageProblem) = ListPaging.Read(PageText);
        (Search, Problem) = (search, searchProblem ?? pageProblem);
        // One unit's list (its own shares, tens of rows): searched in SQL, then ordered by light in memory, because the
        // light of a parent includes its shares below (TreeLights), which SQL does not know.
        var all = await queries.ListAsync(new AssignmentFilter(unitId, Search: search), cancel);
        ToConfirm = await queries.AwaitingUnitAsync(unitId, cancel);
        Counts = Enum.GetValues<TrafficLight>().ToDictionary(l => l, l => all.Count(a => a.ShownLight == l));
        Light = light;
        // Red first, then yellow, green, closed; within a colour, the nearest deadline first.
        // A parent shows the worst light of its shares below: a late county makes its city's row red.
        // A returned application comes first whatever its light: the unit has to act on it, and on a paged list it
        // must not sink to a later page.
        var shown = all.Where(a => light is null || a.ShownLight == light)
            .OrderByDescending(a => a.Returned)
            .ThenByDescending(a => a.ShownLight.Urgency())
            .ThenBy(a => a.DueDate ?? DateOnly.MaxValue).ThenBy(a => a.TaskNo).ThenBy(a => a.Id).ToList();
        Paging = ListPaging.Of(page, shown.Count, PageSize);
        Assignments = shown.Skip(Paging.Skip).Take(PageSize).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancel);
        UnitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.FullName ?? u.Name).SingleAsync(cancel);
        CalendarUrl = calendar.For(unitId);
        IsLeader = user.Role == WebRoles.UnitLeader;
        if (IsLeader) Pending = await signOffs.ListAsync(unitId, pending: true, cancel);
        Returned = await signOffs.ListAsync(unitId, pending: false, cancel);
        DueReports = (await monthly.DueAsync(unitId, cancel)).Count;
    }

    /// <summary>This list's address with its light, search and page (for the pager, and to come back to from a task).</summary>
    public string Query(int page = 1, TrafficLight? light = null, bool keepLight = true, bool keepSearch = true)
    {
        var shownLight = keepLight ? Light : light;
        var search = keepSearch ? Search : null;
        var parts = new[] { shownLight is { } l ? $"light={l}" : null, search is { } s ? $"q={Uri.EscapeDataString(s.Words)}" : null, page > 1 ? $"page={page}" : null };
        return string.Join("&", parts.OfType<string>()) is { Length: > 0 } q ? "?" + q : "";
    }

    public Task<IActionResult> OnPostSignOffAsync(long assignment, CancellationToken cancel) =>
        Do(me => actions.SignOffAsync(me, assignment, cancel));

    public Task<IActionResult> OnPostRefuseSignOffAsync(long assignment, string? reason, CancellationToken cancel) =>
        Do(me => actions.RefuseSignOffAsync(me, assignment, reason, cancel));

    /// <summary>全部签发: the leader signs every pending 进展报送 of the unit at once (a monthly report sent by a clerk is
    /// one draft per task), each exactly as signed one by one; any that can no longer go out is named.</summary>
    public async Task<IActionResult> OnPostSignAllReportsAsync(string? confirm, CancellationToken cancel)
    {
        var me = CurrentUser.From(User)!;
        if (me.Role != WebRoles.UnitLeader) return Forbid();
        if (confirm != WorkflowHost.Web.Pages.Assignments.DetailModel.ConfirmValue)
        {
            TempData["Problem"] = WorkflowHost.Web.Pages.Assignments.DetailModel.ConfirmationMissing("全部签发");
            return Redirect("/unit");
        }
        var reports = (await signOffs.ListAsync(me.UnitId!.Value, pending: true, cancel)).Where(d => d.Title == Outgoing.Titles[Outgoing.Report]).ToList();
        var failed = new List<string>();
        foreach (var draft in reports)
        {
            var outcome = await actions.SignOffAsync(me, draft.AssignmentId, cancel);
            if (!outcome.Succeeded) failed.Add($"任务{draft.TaskNo}:{PeopleText.ChineseOnly(outcome.Message)}");
        }
        TempData[failed.Count == 0 ? "Message" : "Problem"] = $"已签发 {reports.Count - failed.Count} 项进展报送" + (failed.Count == 0 ? "" : $";未能发出 {failed.Count} 项:{string.Join(";", failed)}");
        return Redirect("/unit");
    }

    private async Task<IActionResult> Do(Func<CurrentUser, Task<ActionOutcome>> action)
    {
        var outcome = await action(CurrentUser.From(User)!);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        TempData[outcome.Succeeded ? "Message" : "Problem"] = outcome.Message;
        return Redirect("/unit");
    }
}
