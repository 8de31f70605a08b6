using System.Text;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>The filters the board pages share (行动, 单位, 区域, 状态), the search box and the pages of its lists, read
/// from the query string and written back into every link (pages, export, an assignment and back), so the view a
/// person chose survives whatever they click.</summary>
public sealed class BoardFilter
{
    public string? Action { get; set; }
    public long? Unit { get; set; }
    public string? Area { get; set; }
    public string? State { get; set; }
    public int? Task { get; set; }

    /// <summary>The search box as typed (checked by <see cref="SearchText"/>), and the pages asked for, as typed. The
    /// page is read from the query string by <see cref="BoardPage"/>: "page" is also Razor Pages' own route value.</summary>
    public string? Q { get; set; }
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public string? Page { get; set; }
    public string? OverduePage { get; set; }

    /// <summary>The search read from <see cref="Q"/>; null when empty or refused.</summary>
    public BoardSearch? Search { get; set; }

    /// <summary>Why the search box or a page number was refused (Chinese, the field named), or null.</summary>
    public string? Problem { get; set; }
    public int PageNumber { get; set; } = 1;
    public int OverduePageNumber { get; set; } = 1;

    /// <summary>The plan's year (计划); none: every plan, so that nothing unfinished of an earlier year drops off the board.</summary>
    public int? Plan { get; set; }

    /// <summary>The imported plans to choose from, newest first.</summary>
    public IReadOnlyList<PlanChoice> Plans { get; set; } = [];

    public List<string> Actions { get; set; } = [];
    public List<UnitRow> Units { get; set; } = [];

    /// <summary>The states to choose from: every state of the loaded definitions, as they name and order them.</summary>
    public IReadOnlyList<WorkflowState> States { get; set; } = [];

    public AssignmentFilter ToFilter() => new(Unit, Action, State, Area, null, Task, Search: Search, PlanYear: Plan);

    /// <summary>Reads the search box and the page numbers; a refused one is named in <see cref="Problem"/> and left
    /// out (the list shows as without it), never an error page.</summary>
    public void Read(SearchText searchText)
    {
        var (search, searchProblem) = searchText.Read(Q);
        var (page, pageProblem) = ListPaging.Read(Page);
        var (overduePage, overdueProblem) = ListPaging.Read(OverduePage, "逾期清单的页码");
        (Search, PageNumber, OverduePageNumber) = (search, page, overduePage);
        Problem = searchProblem ?? pageProblem ?? overdueProblem;
    }

    /// <summary>The query string of this view ("?area=regions&amp;q=…"), with <paramref name="page"/> and
    /// <paramref name="overduePage"/> when not the first; "" for the plain board. A refused search is not carried on.</summary>
    public string Query(int page = 1, int overduePage = 1)
    {
        var parts = new List<(string, string?)>
        {
            ("plan", Plan?.ToString()), ("action", Action), ("unit", Unit?.ToString()), ("area", Area), ("state", State), ("task", Task?.ToString()),
            ("q", Search?.Words), ("page", page > 1 ? page.ToString() : null), ("overduePage", overduePage > 1 ? overduePage.ToString() : null),
        };
        var query = new StringBuilder();
        foreach (var (name, value) in parts.Where(p => !string.IsNullOrEmpty(p.Item2)))
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value!));
        return query.ToString();
    }
}
