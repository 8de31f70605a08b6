using System.Diagnostics;
using WorkflowHost.Infrastructure.Dashboard;

namespace WorkflowHost.Benchmarks;

/// <summary>The dashboard's queries (and the snapshots the web app reads), each run <c>rounds</c> times after one warm-up; p50 and p95 per query.</summary>
public static class DashboardMeasure
{
    public sealed record Timing(string Query, double P50, double P95, string Answer);

    public static async Task<IReadOnlyList<Timing>> RunAsync(DashboardQueries queries, DashboardCountsSnapshot snapshot, DashboardRankingSnapshot rankingSnapshot, int rounds, CancellationToken cancel)
    {
        var counts = await TimeAsync("counts by state, counted each time", rounds, async () => await queries.CountsAsync(cancel),
            c => $"{c.Assignments} assignments, {c.Overdue} overdue, {c.States.Count} states");
        var snapshotted = await TimeAsync($"counts by state, from the snapshot (recounted every {DashboardCountsSnapshot.MaxAge.TotalSeconds:F0} s)", rounds,
            async () => await snapshot.GetAsync(cancel), c => $"{c.Counts.Overdue} overdue");
        var page = 0;
        var overdue = await TimeAsync("overdue list (50 per page, pages 0–9)", rounds, async () => await queries.OverduePageAsync(page++ % 10, 50, cancel),
            p => $"{p.Count} lines");
        var ranking = await TimeAsync("overdue ranking by unit (top 20), counted each time", rounds, async () => await queries.UnitRankingAsync(20, cancel),
            r => $"{r.Count} units");
        var rankingSnapshotted = await TimeAsync($"overdue ranking by unit (top 20), from the snapshot (recounted every {DashboardRankingSnapshot.MaxAge.TotalSeconds:F0} s)", rounds,
            async () => await rankingSnapshot.GetAsync(20, cancel), r => $"{r.Units.Count} units");
        return [counts, snapshotted, overdue, ranking, rankingSnapshotted];
    }

    private static async Task<Timing> TimeAsync<T>(string name, int rounds, Func<Task<T>> query, Func<T, string> describe)
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
