using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Web.Graphics;

namespace WorkflowHost.Web.Views;

/// <summary>The working group's dashboard (专班看板): counts, what needs a decision, and the ranking (晾晒). Lists are
/// pages: <see cref="Listed"/> and <see cref="Overdue"/> hold the first lines, <see cref="Total"/> and
/// <see cref="OverdueCount"/> count them all.</summary>
public sealed record Dashboard(
    int Total,
    IReadOnlyList<AssignmentSummary> Listed,
    IReadOnlyList<(string Title, int Count)> ByState,
    IReadOnlyDictionary<TrafficLight, int> ByLight,
    int OverdueCount,
    IReadOnlyList<AssignmentSummary> Overdue,
    IReadOnlyList<AssignmentSummary> AwaitingReview,
    IReadOnlyList<EscalationAwaiting> EscalationsAwaiting,
    Ranking Ranking);

public sealed record EscalationAwaiting(long Id, string Step, DateTimeOffset RaisedAt, AssignmentSummary Assignment);

/// <summary>
/// Builds the board from set-based queries (<see cref="FilteredBoardQueries"/>): counts from one GROUP BY, the overdue
/// list, the review queue and the filtered list as pages of ids, the ranking from the tallies kept per unit. Only the lines shown
/// are read in full and summarized; nothing loads every assignment.
/// </summary>
public sealed class DashboardQueries(AssignmentQueries assignments, FilteredBoardQueries board, WorkflowRuntime runtime, IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>Lines of a page of the overdue list and of the filtered list (each paged on its own, with its total).</summary>
    public const int OverduePage = 50;
    public const int ListedPage = 50;
    public const int ReviewPage = 500;

    /// <summary>The board under <paramref name="filter"/>, its filtered list at page <paramref name="listedPage"/> and its
    /// overdue list at page <paramref name="overduePage"/> (each clamped to its last page: <see cref="ListedPaging"/>).</summary>
    public async Task<Dashboard> GetAsync(AssignmentFilter filter, CancellationToken cancel = default, int listedPage = 1, int overduePage = 1)
    {
        var scope = ScopeOf(filter);
        var today = assignments.Today;
        // The ranking is the board's largest read and needs nothing from the others: it runs beside them on its own connection.
        var rankingRead = RankingAsync(filter, cancel);

        var cells = await board.CellsAsync(scope, today, TrafficLights.SoonDays, cancel);
        var lights = Enum.GetValues<TrafficLight>().ToDictionary(l => l, _ => 0);
        var byTitle = new Dictionary<string, int>();
        var overdueCount = 0;
        foreach (var cell in cells)
        {
            var state = StateOf(cell);
            lights[LightOf(cell, state.Final)] += cell.Count;
            byTitle[state.Title] = byTitle.GetValueOrDefault(state.Title) + cell.Count;
            if (state.Role.IsOverdue(cell.PastDue)) overdueCount += cell.Count;
        }

        var overdueAt = OverduePaging(overdueCount, overduePage);
        var overdue = await assignments.SummariesAsync(await board.OverdueIdsAsync(scope, cells, OverduePage, cancel, overdueAt.Skip), cancel);
        var reviewStates = runtime.Definitions.States.Named(StateRole.CompletionReview, StateRole.ExtensionReview);
        var review = await assignments.SummariesAsync(await board.IdsInStatesAsync(scope, reviewStates, ReviewPage, cancel), cancel);
        var listedAt = ListedPaging(cells.Sum(c => c.Count), listedPage);
        var listed = filter == new AssignmentFilter() ? [] : await assignments.SummariesAsync(await board.PageAsync(scope, cells, ListedPage, cancel, listedAt.Skip), cancel);
        var escalations = await board.EscalationsAwaitingAsync(scope, cancel);
        var escalated = (await assignments.SummariesAsync(escalations.Select(e => e.AssignmentId).Distinct().ToList(), cancel)).ToDictionary(a => a.Id);
        var ranking = await rankingRead;

        return new Dashboard(
            cells.Sum(c => c.Count),
            listed,
            byTitle.Select(x => (x.Key, x.Value)).OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).ToList(),
            lights,
            overdueCount,
            overdue,
            review,
            escalations.Select(e => new EscalationAwaiting(e.Id, e.Step, UnixTime.ToChinaTime(e.RaisedAt), escalated[e.AssignmentId])).ToList(),
            ranking);
    }

    /// <summary>Where a page of the filtered list stands, from the board's total (the page shows it under the list).</summary>
    public static ListPaging ListedPaging(int total, int requested) => ListPaging.Of(requested, total, ListedPage);

    /// <summary>Where a page of the overdue list stands, from the board's overdue count.</summary>
    public static ListPaging OverduePaging(int overdueCount, int requested) => ListPaging.Of(requested, overdueCount, OverduePage);

    /// <summary>晾晒 under the filters: 省直部门(单位), 市州 and 县区 ranked apart (<see cref="Ranking"/>), from one row per
    /// unit (<see cref="FilteredBoardQueries.UnitTalliesAsync"/>), never a query per unit.</summary>
    public async Task<Ranking> RankingAsync(AssignmentFilter filter, CancellationToken cancel = default) =>
        Ranking.Of((await board.UnitTalliesAsync(ScopeOf(filter), assignments.Today, cancel)).Select(UnitStanding.Of));

    /// <summary>挂图作战 from the same cells as the board: per task its earliest due date, the worst light among its open
    /// assignments, how many are closed (or missed a report) of how many. A cell has one light, so the light filter
    /// applies exactly too.</summary>
    public async Task<Wall> WallAsync(AssignmentFilter filter, CancellationToken cancel = default)
    {
        var cells = (await board.CellsAsync(ScopeOf(filter), assignments.Today, TrafficLights.SoonDays, cancel))
            .Select(c => (Cell: c, Light: LightOf(c, StateOf(c).Final)))
            .Where(x => filter.Light is null || x.Light == filter.Light)
            .ToList();
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var tasks = await db.PlanTasks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => (t.No, t.Content), cancel);

        static TrafficLight Worst(IEnumerable<(BoardCell Cell, TrafficLight Light)> cells) =>
            cells.Select(x => x.Light).Where(l => l != TrafficLight.Closed).DefaultIfEmpty(TrafficLight.Closed).Max();
        var dated = cells.Where(x => x.Cell.DueBucket != BoardCell.NoDueDate).GroupBy(x => x.Cell.TaskId)
            .Select(g => new TaskTimelineSvg.TaskLine(tasks[g.Key].No, tasks[g.Key].Content, g.Min(x => x.Cell.EarliestDue!.Value), Worst(g),
                g.Where(x => x.Light == TrafficLight.Closed).Sum(x => x.Cell.Count), g.Sum(x => x.Cell.Count)))
            .OrderBy(l => l.Due).ThenBy(l => l.TaskNo).ToList();
        var ongoing = cells.Where(x => x.Cell.DueBucket == BoardCell.NoDueDate).GroupBy(x => x.Cell.TaskId)
            .Select(g => new OngoingTask(tasks[g.Key].No, tasks[g.Key].Content, Worst(g), g.Where(x => x.Cell.MissedReports).Sum(x => x.Cell.Count), g.Sum(x => x.Cell.Count)))
            .OrderBy(t => t.TaskNo).ToList();
        return new Wall(dated, ongoing);
    }

    /// <summary>What the states are called and mean, for filters and legends.</summary>
    public StateVocabulary States => runtime.Definitions.States;

    private WorkflowState StateOf(BoardCell cell) => runtime.Definitions.Get(cell.DefinitionId, cell.DefinitionVersion).State(cell.State);

    private static BoardScope ScopeOf(AssignmentFilter filter) => new(filter.UnitId, filter.Action, filter.State, filter.Area, filter.TaskNo, filter.Search, filter.PlanYear);

    /// <summary>What <see cref="TrafficLights.Of(bool, bool, bool, bool, bool, bool)"/> says for every assignment of the cell.</summary>
    private static TrafficLight LightOf(BoardCell cell, bool final) =>
        TrafficLights.Of(final, cell.PastDue, dueHasPassed: cell.DueBucket == BoardCell.PastDueDate, dueSoon: cell.DueBucket == BoardCell.DueSoon, cell.MissedReports, cell.OpenEscalation);

    public async Task<List<string>> ActionsAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return (await db.PlanTasks.AsNoTracking().Where(t => t.Action != null).Select(t => t.Action!).Distinct().ToListAsync(cancel)).Order().ToList();
    }

    public async Task<List<UnitRow>> UnitsAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Units.AsNoTracking().Where(u => db.Assignments.Any(a => a.UnitId == u.Id)).OrderBy(u => u.Id).ToListAsync(cancel);
    }
}
