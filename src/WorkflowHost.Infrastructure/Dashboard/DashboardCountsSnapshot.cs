namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// The dashboard's counts, recounted at most once per <see cref="MaxAge"/>: counting a million assignments by state
/// reads a million index entries (hundreds of milliseconds on SQLite), too slow to do for every page view, while a
/// summary table kept by every writer would make all of them — several engine nodes included — queue on the same
/// few rows. Callers get the last count; the first caller after it expires recounts, the others wait for that one
/// count rather than starting their own. One per process.
/// </summary>
public sealed class DashboardCountsSnapshot(DashboardQueries queries, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private readonly RecountedSnapshot<DashboardCounts> _snapshot = new(queries.CountsAsync, clock, MaxAge);

    /// <summary>The counts and when they were taken (real time), never older than <see cref="MaxAge"/>.</summary>
    public async Task<(DashboardCounts Counts, DateTimeOffset At)> GetAsync(CancellationToken cancel = default) => await _snapshot.GetAsync(cancel);
}
