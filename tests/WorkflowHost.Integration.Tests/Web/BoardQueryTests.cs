using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using FilteredBoardQueries = WorkflowHost.Infrastructure.Dashboard.FilteredBoardQueries;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Graphics;
using WorkflowHost.Web.Views;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The board built from set-based queries says what the board built from every assignment in memory said: the same
/// totals, state bars, traffic lights, overdue list, review queue, escalations awaiting approval and ranking, under
/// every filter, on SQLite and on PostgreSQL. The data: the real 2024 plan on 2024-04-02, past its first deadlines
/// (overdue, 函告 issued, 通报 awaiting approval), with some assignments closed on time, some closed late, some
/// applied for and one extension requested.
/// </summary>
public sealed class BoardQueryTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_set_based_board_equals_the_in_memory_board_on_SQLite() =>
        await CompareAsync(await StartAsync(_data.Path, China(2024, 2, 26, 9)));

    [Fact]
    public async Task The_set_based_board_equals_the_in_memory_board_on_PostgreSQL()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await CompareAsync(await StartAsync(_data.Path, China(2024, 2, 26, 9), settings: database.EngineSettings()));
    }

    private static async Task CompareAsync(EngineHarness engine)
    {
        await using var _ = engine;
        var contexts = engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var runtime = engine.Services.GetRequiredService<WorkflowRuntime>();
        var assignments = new AssignmentQueries(contexts, runtime);
        var board = new DashboardQueries(assignments, new FilteredBoardQueries(contexts, runtime.Definitions), runtime, contexts);
        var group = Assigned.WorkingGroup;

        // Closed on time: applied and approved before the 2024-02-29 deadline.
        var dueFirst = await DueOnAsync(engine, new DateOnly(2024, 2, 29));
        Assert.True(dueFirst.Count >= 12, $"only {dueFirst.Count} assignments are due 2024-02-29");
        foreach (var a in dueFirst.Take(4)) await CloseAsync(engine, a, group);

        await engine.AdvanceToAsync(China(2024, 4, 2, 12));
        // Closed late, applied and waiting, an extension requested.
        foreach (var a in dueFirst.Skip(4).Take(3)) await CloseAsync(engine, a, group);
        foreach (var a in dueFirst.Skip(7).Take(2)) Assert.True((await engine.Mediator.Send(new ApplyForCompletion(a.Id, a.Clerk, "完成"))).Succeeded);
        // One without a parent: a co-unit's extension may not pass its lead's deadline, which is the same date.
        var later = await FirstRootAsync(engine, await DueOnAsync(engine, new DateOnly(2024, 12, 31)));
        Assert.True((await engine.Mediator.Send(new RequestExtension(later.Id, later.Clerk, new DateOnly(2025, 3, 31), "工程量大"))).Succeeded);

        long someUnit, someRegion;
        string someAction;
        await using (var db = engine.Db())
        {
            someUnit = dueFirst[0].UnitId;
            someRegion = await db.Units.Where(u => u.Kind == "region").Select(u => u.Id).FirstAsync();
            someAction = await db.PlanTasks.Where(t => t.Action != null).Select(t => t.Action!).FirstAsync();
        }
        var filters = new AssignmentFilter[]
        {
            new(), new(UnitId: someUnit), new(UnitId: someRegion), new(Action: someAction), new(State: "overdue"), new(State: "closed"),
            new(Area: AssignmentFilter.AreaProvince), new(Area: AssignmentFilter.AreaRegions), new(TaskNo: 3), new(TaskNo: 5, Area: AssignmentFilter.AreaRegions),
        };
        var sawOverdue = false;
        var sawSecondPages = false;
        foreach (var filter in filters)
        {
            var all = await assignments.ListAsync(filter);
            var expected = InMemoryBoard.Of(all, assignments.Today, await AwaitingAsync(engine, all), await ReportingAsync(engine, all), await IssuedAsync(engine, all));
            var actual = await board.GetAsync(filter);

            var label = filter.ToString();
            Assert.True(expected.Total == actual.Total, $"{label}: total {actual.Total}, expected {expected.Total}");
            Assert.Equal(expected.ByState.OrderBy(s => s.Title, StringComparer.Ordinal), actual.ByState.OrderBy(s => s.Title, StringComparer.Ordinal));
            Assert.Equal(expected.ByLight.OrderBy(l => l.Key), actual.ByLight.OrderBy(l => l.Key));
            Assert.Equal(expected.OverdueCount, actual.OverdueCount);
            Assert.Equal(expected.Overdue.Take(DashboardQueries.OverduePage).Select(a => a.Id), actual.Overdue.Select(a => a.Id));
            Assert.Equal(expected.AwaitingReview.Select(a => a.Id), actual.AwaitingReview.Select(a => a.Id));
            Assert.Equal(expected.EscalationsAwaiting.Select(e => (e.Id, e.Assignment.Id)), actual.EscalationsAwaiting.Select(e => (e.Id, e.Assignment.Id)));
            Assert.Equal(expected.Ranking.All, actual.Ranking.All);
            Assert.Equal(expected.Ranking.Tables.Select(t => (t.Group, t.Ranked.Count)), actual.Ranking.Tables.Select(t => (t.Group, t.Ranked.Count)));
            if (filter == new AssignmentFilter())
                Assert.Empty(actual.Listed);
            else
                Assert.True(all.Take(DashboardQueries.ListedPage).Select(a => a.Id).SequenceEqual(actual.Listed.Select(a => a.Id)),
                    $"{label}: listed {string.Join(",", actual.Listed.Select(a => a.Id))}, expected {string.Join(",", all.Take(DashboardQueries.ListedPage).Select(a => a.Id))}");
            // The second pages, read group by group from the counts (CountedPage), continue the first where it stopped.
            var second = await board.GetAsync(filter, default, listedPage: 2, overduePage: 2);
            if (expected.OverdueCount > DashboardQueries.OverduePage)
                Assert.Equal(expected.Overdue.Skip(DashboardQueries.OverduePage).Take(DashboardQueries.OverduePage).Select(a => a.Id), second.Overdue.Select(a => a.Id));
            if (filter != new AssignmentFilter() && all.Count > DashboardQueries.ListedPage)
                Assert.Equal(all.Skip(DashboardQueries.ListedPage).Take(DashboardQueries.ListedPage).Select(a => a.Id), second.Listed.Select(a => a.Id));
            sawSecondPages |= expected.OverdueCount > DashboardQueries.OverduePage && all.Count > DashboardQueries.ListedPage && filter != new AssignmentFilter();
            var wall = await board.WallAsync(filter);
            Assert.Equal(InMemoryBoard.Dated(all), wall.Dated);
            Assert.Equal(InMemoryBoard.Ongoing(all), wall.Ongoing);
            sawOverdue |= actual.OverdueCount > 0;
        }
        Assert.True(sawOverdue);
        Assert.True(sawSecondPages, "no filter had a second page of both lists");
        // The wall also honours the light filter (the board's counts do not take one).
        foreach (var light in Enum.GetValues<TrafficLight>())
        {
            var filter = new AssignmentFilter(Light: light);
            var all = await assignments.ListAsync(filter);
            var wall = await board.WallAsync(filter);
            Assert.Equal(InMemoryBoard.Dated(all), wall.Dated);
            Assert.Equal(InMemoryBoard.Ongoing(all), wall.Ongoing);
        }
        var whole = await board.GetAsync(new AssignmentFilter());
        Assert.True(whole.ByLight[TrafficLight.Closed] >= 7 && whole.EscalationsAwaiting.Count > 0 && whole.AwaitingReview.Count >= 3);
        Assert.Contains(whole.Ranking.All, r => r.OnTimeRate is > 0 and < 1);
        Assert.Contains(whole.Ranking.All, r => r.ReportsDue > 0);
    }

    private static async Task CloseAsync(EngineHarness engine, Assigned a, Actor group)
    {
        Assert.True((await engine.Mediator.Send(new ApplyForCompletion(a.Id, a.Clerk, "完成"))).Succeeded);
        Assert.True((await engine.Mediator.Send(new ApproveCompletion(a.Id, group, "同意"))).Succeeded);
    }

    private static async Task<List<Assigned>> DueOnAsync(EngineHarness engine, DateOnly due)
    {
        await using var db = engine.Db();
        return await (
            from a in db.Assignments
            join u in db.Units on a.UnitId equals u.Id
            where a.DueDate == due && a.State == "in-progress"
            // Leaves only: a lead applies once its co-units' shares are confirmed, which this comparison does not stage.
            where !db.Assignments.Any(child => child.ParentId == a.Id)
            orderby a.Id
            select new Assigned(a.Id, a.UnitId, u.Name)).ToListAsync();
    }

    private static async Task<Assigned> FirstRootAsync(EngineHarness engine, List<Assigned> candidates)
    {
        await using var db = engine.Db();
        var ids = candidates.Select(c => c.Id).ToList();
        var root = await db.Assignments.Where(a => ids.Contains(a.Id) && a.ParentId == null).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        return candidates.Single(c => c.Id == root);
    }

    /// <summary>Per assignment: report periods ended (their report-missed timer decided) and those missed (fired).</summary>
    private static async Task<Dictionary<long, (int Due, int Missed)>> ReportingAsync(EngineHarness engine, IReadOnlyList<AssignmentSummary> all)
    {
        await using var db = engine.Db();
        var ids = all.Select(a => a.Id).ToHashSet();
        return (await db.Timers.AsNoTracking().Where(t => t.AssignmentId != null && t.Name.StartsWith("report-missed:")).ToListAsync())
            .Where(t => ids.Contains(t.AssignmentId!.Value) && t.Status is TimerStatus.Fired or TimerStatus.Skipped)
            .GroupBy(t => t.AssignmentId!.Value).ToDictionary(g => g.Key, g => (g.Count(), g.Count(t => t.Status == TimerStatus.Fired)));
    }

    private static async Task<List<EscalationRow>> IssuedAsync(EngineHarness engine, IReadOnlyList<AssignmentSummary> all)
    {
        await using var db = engine.Db();
        var ids = all.Select(a => a.Id).ToHashSet();
        return (await db.Escalations.AsNoTracking().Where(e => e.Status == "issued").ToListAsync()).Where(e => ids.Contains(e.AssignmentId)).ToList();
    }

    private static async Task<List<EscalationRow>> AwaitingAsync(EngineHarness engine, IReadOnlyList<AssignmentSummary> all)
    {
        await using var db = engine.Db();
        var ids = all.Select(a => a.Id).ToHashSet();
        return (await db.Escalations.AsNoTracking().Where(e => e.Status == "awaiting-approval").OrderBy(e => e.RaisedAt).ToListAsync())
            .Where(e => ids.Contains(e.AssignmentId)).ToList();
    }

    /// <summary>The board as it was computed before the set-based queries, from every assignment in memory: the
    /// reference the new queries must agree with.</summary>
    private static class InMemoryBoard
    {
        private static TrafficLight Worst(IEnumerable<AssignmentSummary> g) =>
            g.Select(a => a.Light).Where(l => l != TrafficLight.Closed).DefaultIfEmpty(TrafficLight.Closed).Max();

        /// <summary>The wall's timeline as the page computed it from every selected assignment.</summary>
        public static List<TaskTimelineSvg.TaskLine> Dated(List<AssignmentSummary> all) =>
            all.Where(a => a.DueDate is not null)
                .GroupBy(a => a.TaskNo)
                .Select(g => new TaskTimelineSvg.TaskLine(g.Key, g.First().TaskContent, g.Min(a => a.DueDate!.Value), Worst(g), g.Count(a => a.Closed), g.Count()))
                .OrderBy(l => l.Due).ThenBy(l => l.TaskNo).ToList();

        public static List<OngoingTask> Ongoing(List<AssignmentSummary> all) =>
            all.Where(a => a.DueDate is null).GroupBy(a => a.TaskNo)
                .Select(g => new OngoingTask(g.Key, g.First().TaskContent, Worst(g), g.Count(a => a.MissedReports > 0), g.Count()))
                .OrderBy(t => t.TaskNo).ToList();

        public static Dashboard Of(List<AssignmentSummary> all, DateOnly today, List<EscalationRow> awaiting, Dictionary<long, (int Due, int Missed)> reporting,
            List<EscalationRow> issued)
        {
            var byId = all.ToDictionary(a => a.Id);
            var steps = issued.ToLookup(e => (byId[e.AssignmentId].UnitId, e.Step));
            var ranking = Ranking.Of(all.GroupBy(a => (a.UnitId, a.UnitName, a.UnitKind)).Select(g =>
                {
                    // Due for completion: dated, and closed or past the date; 长期坚持 tasks only report.
                    var due = g.Count(a => a.DueDate is { } d && (a.Closed || d < today));
                    var onTime = g.Count(a => a.ClosedOnTime && a.DueDate is not null);
                    var reportsDue = g.Sum(a => reporting.GetValueOrDefault(a.Id).Due);
                    var reportsMissed = g.Sum(a => reporting.GetValueOrDefault(a.Id).Missed);
                    return new UnitStanding(g.Key.UnitId, g.Key.UnitName, g.Key.UnitKind, g.Count(), g.Count(a => a.Closed), g.Count(a => a.Overdue),
                        due, onTime, reportsDue, reportsDue - reportsMissed, steps[(g.Key.UnitId, "letter")].Count(), steps[(g.Key.UnitId, "circular")].Count(),
                        steps[(g.Key.UnitId, "summons")].Count(), steps[(g.Key.UnitId, "exposure")].Count());
                }));
            var overdue = all.Where(a => a.Overdue).OrderBy(a => a.DueDate).ThenBy(a => a.TaskNo).ToList();
            return new Dashboard(
                all.Count,
                all,
                all.GroupBy(a => a.StateTitle).Select(g => (g.Key, g.Count())).ToList(),
                Enum.GetValues<TrafficLight>().ToDictionary(l => l, l => all.Count(a => a.Light == l)),
                overdue.Count,
                overdue,
                all.Where(a => a.State is "completion-applied" or "extension-requested").OrderBy(a => a.TaskNo).ToList(),
                awaiting.Select(e => new EscalationAwaiting(e.Id, e.Step, UnixTime.ToChinaTime(e.RaisedAt), byId[e.AssignmentId])).ToList(),
                ranking);
        }
    }
}
