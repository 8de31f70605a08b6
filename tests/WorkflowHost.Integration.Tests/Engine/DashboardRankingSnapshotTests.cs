using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>The ranking snapshot answers from its last count until <see cref="DashboardRankingSnapshot.MaxAge"/> has
/// passed, then counts again: a change to the assignments shows only after that.</summary>
public sealed class DashboardRankingSnapshotTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Ranking_is_served_from_the_snapshot_until_it_expires()
    {
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 25, 9));
        await engine.AdvanceToAsync(China(2024, 4, 2, 12));
        var queries = new DashboardQueries(new ContextFactory(engine));
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var snapshot = new DashboardRankingSnapshot(queries, clock);

        var (first, at) = await snapshot.GetAsync(3);
        Assert.Equal(3, first.Count);
        Assert.Equal((await queries.UnitRankingAsync(3)).Select(u => (u.UnitId, u.Overdue)), first.Select(u => (u.UnitId, u.Overdue)));
        Assert.Equal(clock.GetUtcNow(), at);

        // The leading unit's overdue assignments are closed: the database no longer ranks it first.
        var leader = first[0];
        await using (var db = engine.Db())
            await db.Assignments.Where(a => a.UnitId == leader.UnitId && a.PastDue).ExecuteUpdateAsync(s => s.SetProperty(a => a.ClosedAt, 1L));
        Assert.DoesNotContain((await queries.UnitRankingAsync(3)), u => u.UnitId == leader.UnitId);

        clock.Advance(DashboardRankingSnapshot.MaxAge - TimeSpan.FromSeconds(1));
        var (stale, staleAt) = await snapshot.GetAsync(3);
        Assert.Equal(leader.UnitId, stale[0].UnitId);
        Assert.Equal(at, staleAt);

        clock.Advance(TimeSpan.FromSeconds(1));
        var (fresh, freshAt) = await snapshot.GetAsync(3);
        Assert.DoesNotContain(fresh, u => u.UnitId == leader.UnitId);
        Assert.Equal(clock.GetUtcNow(), freshAt);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => snapshot.GetAsync(DashboardRankingSnapshot.MaxTop + 1));
    }

    private sealed class ContextFactory(EngineHarness engine) : IDbContextFactory<WorkflowHost.Infrastructure.Persistence.WorkflowDbContext>
    {
        public WorkflowHost.Infrastructure.Persistence.WorkflowDbContext CreateDbContext() => engine.Db();
    }
}
