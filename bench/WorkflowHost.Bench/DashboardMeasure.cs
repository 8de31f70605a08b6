using System.Diagnostics;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Benchmarks;

/// <summary>The board the working group sees (the same <see cref="DashboardQueries"/> the pages and the API call, counted
/// live, no snapshot), each view run <c>rounds</c> times after one warm-up; p50 and p95 per view.</summary>
public static class DashboardMeasure
{
    public sealed record Timing(string Query, double P50, double P95, string Answer);

    /// <summary>The plan the bench imports (the 2024 list).</summary>
    private const int PlanYear = 2024;

    public static async Task<IReadOnlyList<Timing>> RunAsync(DashboardQueries board, int rounds, CancellationToken cancel)
    {
        var whole = await TimeAsync("board, unfiltered (counts by state and light, overdue list, review queue, escalations, ranking)", rounds,
            async () => await board.GetAsync(new AssignmentFilter(), cancel), b => $"{b.Total} assignments, {b.OverdueCount} overdue");
        var regions = await TimeAsync("board, the regions only (the same, under a filter, with the listed page)", rounds,
            async () => await board.GetAsync(new AssignmentFilter(Area: AssignmentFilter.AreaRegions), cancel), b => $"{b.Total} assignments, {b.Listed.Count} listed");
        var ranking = await TimeAsync("overdue ranking by unit (晾晒)", rounds, async () => await board.RankingAsync(new AssignmentFilter(), cancel),
            r => $"{r.All.Count()} units");
        var rankingOfYear = await TimeAsync("overdue ranking by unit (晾晒), one plan year", rounds,
            async () => await board.RankingAsync(new AssignmentFilter(PlanYear: PlanYear), cancel), r => $"{r.All.Count()} units");
        var wall = await TimeAsync("wall (挂图作战)", rounds, async () => await board.WallAsync(new AssignmentFilter(), cancel),
            w => $"{w.Dated.Count} dated tasks");
        return [whole, regions, ranking, rankingOfYear, wall];
    }

    /// <summary>The unfiltered board's queries one by one (<see cref="FilteredBoardQueries"/>), to say which limits it.</summary>
    public static async Task<IReadOnlyList<Timing>> PartsAsync(FilteredBoardQueries board, IReadOnlyCollection<string> reviewStates, DateOnly today, int rounds,
        CancellationToken cancel)
    {
        var scope = new BoardScope();
        var cells = await board.CellsAsync(scope, today, 7, cancel);
        var regions = scope with { Area = BoardScope.AreaRegions };
        var regionCells = await board.CellsAsync(regions, today, 7, cancel);
        return
        [
            await TimeAsync("cells", rounds, () => board.CellsAsync(scope, today, 7, cancel), c => $"{c.Count} cells"),
            await TimeAsync("overdue page", rounds, () => board.OverdueIdsAsync(scope, cells, DashboardQueries.OverduePage, cancel), p => $"{p.Count}"),
            await TimeAsync("review queue", rounds, () => board.IdsInStatesAsync(scope, reviewStates, DashboardQueries.ReviewPage, cancel), p => $"{p.Count}"),
            await TimeAsync("escalations awaiting", rounds, () => board.EscalationsAwaitingAsync(scope, cancel), p => $"{p.Count}"),
            await TimeAsync("ranking tallies", rounds, () => board.UnitTalliesAsync(scope, today, cancel), p => $"{p.Count}"),
            await TimeAsync("listed page of the regions", rounds, () => board.PageAsync(regions, regionCells, DashboardQueries.ListedPage, cancel), p => $"{p.Count}"),
        ];
    }

    /// <summary>Runs <paramref name="query"/> once to warm up and describe its answer, then <paramref name="rounds"/> times.</summary>
    public static async Task<Timing> TimeAsync<T>(string name, int rounds, Func<Task<T>> query, Func<T, string> describe)
    {
        var answer = describe(await query());
        var times = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await query();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return new Timing(name, Percentile(times, 0.50), Percentile(times, 0.95), answer);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
