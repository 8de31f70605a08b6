using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>晾晒: 省直部门(单位), 市州 and 县区 ranked apart (<see cref="Views.Ranking"/>; only the ranking is queried).</summary>
public sealed class RankingModel(DashboardQueries queries) : BoardPage(queries)
{
    public Ranking Ranking { get; private set; } = new([]);

    protected override async Task LoadAsync(CancellationToken cancel) =>
        Ranking = await Queries.RankingAsync(Filter.ToFilter(), cancel);
}
