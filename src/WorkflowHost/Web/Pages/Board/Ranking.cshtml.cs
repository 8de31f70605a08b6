using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>晾晒: units ranked by on-time rate, then overdue count and escalations (only the ranking is queried).</summary>
public sealed class RankingModel(DashboardQueries queries) : BoardPage(queries)
{
    public IReadOnlyList<UnitStanding> Ranking { get; private set; } = [];

    protected override async Task LoadAsync(CancellationToken cancel) =>
        Ranking = await Queries.RankingAsync(Filter.ToFilter(), cancel);
}
