namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// The overdue ranking by unit, recomputed at most once per <see cref="MaxAge"/> (like <see cref="DashboardCountsSnapshot"/>):
/// ranking units means grouping every overdue assignment (437,000 index entries in the national benchmark, ≈ 60 ms on
/// SQLite), too slow for every page view. It keeps the top <see cref="MaxTop"/> units and answers any shorter list
/// from them, so a ranking is at most <see cref="MaxAge"/> behind the assignments. One per process.
/// </summary>
public sealed class DashboardRankingSnapshot(DashboardQueries queries, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    public const int MaxTop = 200;
    private readonly RecountedSnapshot<IReadOnlyList<UnitOverdue>> _snapshot = new(cancel => queries.UnitRankingAsync(MaxTop, cancel), clock, MaxAge);

    /// <summary>The <paramref name="top"/> units with the most overdue assignments and when they were counted (real
    /// time), never older than <see cref="MaxAge"/>.</summary>
    public async Task<(IReadOnlyList<UnitOverdue> Units, DateTimeOffset At)> GetAsync(int top = 20, CancellationToken cancel = default)
    {
        if (top is < 1 or > MaxTop) throw new ArgumentOutOfRangeException(nameof(top), top, $"a ranking holds 1–{MaxTop} units");
        var (units, at) = await _snapshot.GetAsync(cancel);
        return (units.Take(top).ToList(), at);
    }
}
