using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// How many assignments are running, for <c>/api/status</c> (anonymous and polled by health checks): recounted at most
/// once per <see cref="MaxAge"/>, because counting a million rows per poll would cost more than the answer is worth.
/// Real time, not the engine's (possibly virtual) clock: the age is about database work.
/// </summary>
public sealed class AssignmentCount(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly RecountedSnapshot<int> _snapshot = new(async cancel =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Assignments.AsNoTracking().CountAsync(a => a.State != null, cancel);
    }, clock, MaxAge);

    /// <summary>The count and when it was taken, never older than <see cref="MaxAge"/>.</summary>
    public Task<(int Count, DateTimeOffset At)> GetAsync(CancellationToken cancel = default) => _snapshot.GetAsync(cancel);
}
