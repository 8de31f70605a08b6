using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>挂图作战: the dated tasks on one timeline, the ongoing ones listed; per task aggregates only, however many
/// units there are.</summary>
public sealed class WallModel(DashboardQueries queries) : BoardPage(queries)
{
    public Wall Wall { get; private set; } = new([], []);

    protected override async Task LoadAsync(CancellationToken cancel) =>
        Wall = await Queries.WallAsync(Filter.ToFilter(), cancel);
}
