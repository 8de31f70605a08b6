using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>What the board pages have in common: the filters and the search box, and (for most) the dashboard they filter.</summary>
public abstract class BoardPage(DashboardQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public BoardFilter Filter { get; set; } = new();
    public Dashboard Board { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    protected DashboardQueries Queries => queries;

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Filter.Actions = await queries.ActionsAsync(cancel);
        Filter.Units = await queries.UnitsAsync(cancel);
        Filter.States = queries.States.All;
        Filter.Page = Request.Query["page"];
        Filter.Read(HttpContext.RequestServices.GetRequiredService<SearchText>());
        Filter.Plans = await PlanChoice.ListAsync(HttpContext.RequestServices, cancel);
        Today = HttpContext.RequestServices.GetRequiredService<AssignmentQueries>().Today;
        await LoadAsync(cancel);
    }

    /// <summary>What the page shows under the filters: the dashboard, unless a page needs something else (the wall
    /// does not show it, and would otherwise pay for its queries on every view).</summary>
    protected virtual async Task LoadAsync(CancellationToken cancel) =>
        Board = await queries.GetAsync(Filter.ToFilter(), cancel, Filter.PageNumber, Filter.OverduePageNumber);

    /// <summary>Where the filtered list's page stands (clamped to its last page), and the overdue list's.</summary>
    public ListPaging ListedPaging => DashboardQueries.ListedPaging(Board.Total, Filter.PageNumber);
    public ListPaging OverduePaging => DashboardQueries.OverduePaging(Board.OverdueCount, Filter.OverduePageNumber);

    /// <summary>This view's address, to come back to from an assignment (<c>?back=</c>).</summary>
    public string Here => Request.Path + Filter.Query(ListedPaging.Number, OverduePaging.Number);
}
