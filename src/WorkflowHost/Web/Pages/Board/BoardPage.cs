using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>What the board pages have in common: the filters and the dashboard they filter.</summary>
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
        Board = await queries.GetAsync(Filter.ToFilter(), cancel);
        Today = HttpContext.RequestServices.GetRequiredService<AssignmentQueries>().Today;
        await LoadAsync(cancel);
    }

    /// <summary>What a page needs beyond the board.</summary>
    protected virtual Task LoadAsync(CancellationToken cancel) => Task.CompletedTask;
}
