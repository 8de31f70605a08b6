using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>挂图作战: the dated tasks on one timeline. Each task's line sums its units' lights, so this page reads the
/// selected assignments themselves (the board's other pages need only aggregates).</summary>
public sealed class WallModel(DashboardQueries queries, AssignmentQueries assignments) : BoardPage(queries)
{
    public IReadOnlyList<AssignmentSummary> Assignments { get; private set; } = [];

    protected override async Task LoadAsync(CancellationToken cancel) =>
        Assignments = await assignments.ListAsync(Filter.ToFilter(), cancel);
}
