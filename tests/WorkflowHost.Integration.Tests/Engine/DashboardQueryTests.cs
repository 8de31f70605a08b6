using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>The dashboard's queries on the real 2024 plan after its first deadlines passed: the counts agree with the
/// assignments table, and the overdue list is every overdue assignment, oldest due date first, page by page.</summary>
public sealed class DashboardQueryTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Counts_and_overdue_pages_match_the_assignments()
    {
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 25, 9));
        await engine.AdvanceToAsync(China(2024, 4, 2, 12));
        await using var db = engine.Db();
        var queries = new DashboardQueries(new SingleContextFactory(engine));

        var counts = await queries.CountsAsync();
        Assert.Equal(await db.Assignments.CountAsync(), counts.Assignments);
        var overdue = await db.Assignments.Where(a => a.PastDue && a.ClosedAt == null).OrderBy(a => a.DueDate).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync();
        Assert.NotEmpty(overdue);
        Assert.Equal(overdue.Count, counts.Overdue);
        Assert.Equal(overdue.Count, counts.States.Sum(s => s.PastDue));
        Assert.Equal(await db.Assignments.CountAsync(a => a.State == "overdue"), counts.States.Single(s => s.State == "overdue").Assignments);

        var listed = new List<long>();
        for (var page = 0; ; page++)
        {
            var lines = await queries.OverduePageAsync(page, 7);
            if (lines.Count == 0) break;
            Assert.All(lines, l => Assert.True(l.TaskNo > 0 && l.Unit.Length > 0));
            listed.AddRange(lines.Select(l => l.AssignmentId));
        }
        Assert.Equal(overdue, listed);

        var ranking = await queries.UnitRankingAsync(3);
        Assert.Equal(ranking.OrderByDescending(r => r.Overdue).Select(r => r.Overdue), ranking.Select(r => r.Overdue));
        Assert.Equal(await db.Assignments.CountAsync(a => a.PastDue && a.ClosedAt == null && a.UnitId == ranking[0].UnitId), ranking[0].Overdue);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queries.OverduePageAsync(0, 0));
    }

    private sealed class SingleContextFactory(EngineHarness engine) : IDbContextFactory<WorkflowHost.Infrastructure.Persistence.WorkflowDbContext>
    {
        public WorkflowHost.Infrastructure.Persistence.WorkflowDbContext CreateDbContext() => engine.Db();
    }
}
