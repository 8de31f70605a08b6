using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>The board's filters (计划, 行动, 单位, 区域, 状态, 任务) and its search box, every one optional.
/// <paramref name="PlanYear"/>: only that year's plan (plans of several years live side by side); null: every plan.</summary>
public sealed record BoardScope(long? UnitId = null, string? Action = null, string? State = null, string? Area = null, int? TaskNo = null,
    BoardSearch? Search = null, int? PlanYear = null)
{
    public const string AreaProvince = "province";
    public const string AreaRegions = "regions";
}

/// <summary>
/// How many assignments of one task share one combination of what decides their traffic light and state title: the
/// workflow and state, past due, where the due date stands (<see cref="DueBucket"/>), a missed report, an open
/// escalation; with the earliest due date among them (for the wall's timeline).
/// </summary>
public sealed record BoardCell(long TaskId, string DefinitionId, int DefinitionVersion, string State, bool PastDue, int DueBucket, bool MissedReports,
    bool OpenEscalation, int Count, DateOnly? EarliestDue)
{
    public const int PastDueDate = 0, DueSoon = 1, DueLater = 2, NoDueDate = 3;
}

/// <summary>One unit's numbers for the ranking (晾晒), under the board's filters.
/// <paramref name="Due"/>: its assignments with a due date (the current one, after any granted extension) that are closed
/// or whose due date has passed; <paramref name="ClosedOnTime"/>: those of them closed (销号) by the end of the due date,
/// China time. <paramref name="ReportsDue"/>: report periods whose deadline has passed (the 催报 moment, the working day
/// after the report day, came and was decided); <paramref name="ReportsMissed"/>: those of them whose report was not in
/// by then (催报 fired). <paramref name="IssuedByStep"/>: escalations that reached the unit, by step (letter, circular …).</summary>
public sealed record UnitTally(long UnitId, string Unit, string Kind, int Assignments, int Closed, int Overdue, int Due, int ClosedOnTime,
    int ReportsDue, int ReportsMissed, IReadOnlyDictionary<string, int> IssuedByStep)
{
    public int IssuedEscalations => IssuedByStep.Values.Sum();
}

/// <summary>
/// The web board's numbers under its filters, never by reading every assignment into memory: the traffic-light and
/// state counts from the cells the database keeps (<see cref="BoardCounts"/>; under a unit or a search, a GROUP BY over
/// the columns that decide them), the overdue list and the filtered list as pages of ids read group by group where the
/// cells place them (<see cref="CountedPage"/>), the ranking from the tallies the database keeps per unit (<see cref="UnitTallies"/>; under the narrower filters a GROUP BY unit). Filters on the
/// task and its action go through the 43-row task table, the area through the unit's kind. Which states are final and
/// overdue comes from the loaded definitions' roles.
/// </summary>
public sealed class FilteredBoardQueries(IDbContextFactory<WorkflowDbContext> contexts, WorkflowDefinitionCatalog definitions)
{
    /// <summary>The states that end a workflow and the overdue states, by their roles in the loaded definitions.</summary>
    private IReadOnlyList<string> FinalStates => definitions.States.Named(StateRole.Closed);
    private IReadOnlyList<string> OverdueStates => definitions.States.Named(StateRole.Overdue);

    private static readonly long EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private const long DayMs = 86_400_000;
    private const long ChinaOffsetMs = 8 * 3_600_000;

    /// <summary>The assignments the filters select (started ones only: <c>state</c> is set).</summary>
    public static IQueryable<AssignmentRow> Scoped(WorkflowDbContext db, BoardScope scope)
    {
        var query = db.Assignments.AsNoTracking().Where(a => a.State != null);
        if (scope.UnitId is { } unit) query = query.Where(a => a.UnitId == unit);
        if (!string.IsNullOrEmpty(scope.State)) query = query.Where(a => a.State == scope.State);
        if (!string.IsNullOrEmpty(scope.Action)) query = query.Where(a => db.PlanTasks.Any(t => t.Id == a.TaskId && t.Action == scope.Action));
        if (scope.TaskNo is { } no) query = query.Where(a => db.PlanTasks.Any(t => t.Id == a.TaskId && t.No == no));
        if (scope.PlanYear is { } year) query = query.Where(a => db.PlanTasks.Any(t => t.Id == a.TaskId && db.Plans.Any(p => p.Id == t.PlanId && p.Year == year)));
        query = scope.Area switch
        {
            BoardScope.AreaProvince => query.Where(a => db.Units.Any(u => u.Id == a.UnitId && u.Kind != "region")),
            BoardScope.AreaRegions => query.Where(a => db.Units.Any(u => u.Id == a.UnitId && u.Kind == "region")),
            _ => query,
        };
        return scope.Search is { } search ? search.Apply(db, query) : query;
    }

    /// <summary>The counts behind the tiles, the traffic lights, the state bars and the wall's task lines: a few
    /// rows per task and due date whatever the number of assignments. Under the filters the database's counts know
    /// (plan, action, task, area, state) they are read from there (<see cref="BoardCounts"/>: a few thousand rows,
    /// exact and live); under a unit or a search, which select few assignments through their indexes, by one GROUP BY
    /// over the selection. The key holds the due date itself, so the earliest due date is exact; where it stands
    /// (<see cref="BoardCell.DueBucket"/>) is decided here, from today.</summary>
    public async Task<IReadOnlyList<BoardCell>> CellsAsync(BoardScope scope, DateOnly today, int soonDays, CancellationToken cancel = default)
    {
        var soon = today.AddDays(soonDays);
        await using var db = await contexts.CreateDbContextAsync(cancel);
        if (scope.UnitId is null && scope.Search is null)
        {
            var counted = await BoardCounts.ReadAsync(db, TasksOf(db, scope), RegionOf(scope), NullIfEmpty(scope.State), cancel);
            return counted.Select(c => CellOf(new CellKey(c.TaskId, c.DefinitionId, c.DefinitionVersion, c.State, c.PastDue,
                c.DueDate == BoardCountRow.NoDueDate ? null : c.DueDate, c.MissedReports), c.Count, c.OpenEscalation, today, soon)).ToList();
        }
        var groups = await Scoped(db, scope)
            .GroupBy(a => new { a.TaskId, a.DefinitionId, a.DefinitionVersion, a.State, a.PastDue, a.DueDate, Missed = a.MissedReports > 0, Open = a.OpenEscalations > 0 })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancel);
        return groups.Select(g => CellOf(new CellKey(g.Key.TaskId, g.Key.DefinitionId!, g.Key.DefinitionVersion, g.Key.State!, g.Key.PastDue, g.Key.DueDate, g.Key.Missed),
            g.Count, g.Key.Open, today, soon)).ToList();
    }

    /// <summary>The tasks the plan, action and task filters leave, as a subquery; null when they leave every task.</summary>
    private static IQueryable<long>? TasksOf(WorkflowDbContext db, BoardScope scope)
    {
        if (string.IsNullOrEmpty(scope.Action) && scope.TaskNo is null && scope.PlanYear is null) return null;
        var tasks = db.PlanTasks.AsQueryable();
        if (!string.IsNullOrEmpty(scope.Action)) tasks = tasks.Where(t => t.Action == scope.Action);
        if (scope.TaskNo is { } no) tasks = tasks.Where(t => t.No == no);
        if (scope.PlanYear is { } year) tasks = tasks.Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.Year == year));
        return tasks.Select(t => t.Id);
    }

    /// <summary>The area filter as the counts key it: 市州 (true), the others (false), both (null).</summary>
    private static bool? RegionOf(BoardScope scope) => scope.Area switch
    {
        BoardScope.AreaProvince => false,
        BoardScope.AreaRegions => true,
        _ => null,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>What a board cell is keyed by in SQL: its due date itself (where it stands is decided in memory).</summary>
    private sealed record CellKey(long TaskId, string DefinitionId, int DefinitionVersion, string State, bool PastDue, DateOnly? DueDate, bool MissedReports);

    private static BoardCell CellOf(CellKey key, int count, bool openEscalation, DateOnly today, DateOnly soon) =>
        new(key.TaskId, key.DefinitionId, key.DefinitionVersion, key.State, key.PastDue, DueBucketOf(key.DueDate, today, soon), key.MissedReports,
            openEscalation, count, key.DueDate);

    /// <summary>Where a due date stands today (<see cref="BoardCell.DueBucket"/>).</summary>
    private static int DueBucketOf(DateOnly? due, DateOnly today, DateOnly soon) =>
        due is not { } d ? BoardCell.NoDueDate : d < today ? BoardCell.PastDueDate : d <= soon ? BoardCell.DueSoon : BoardCell.DueLater;

    /// <summary>The overdue assignments' ids (<see cref="StateVocabulary.IsOverdue"/> in SQL), oldest due date first
    /// (none first, as in memory), then task number and unit; at most <paramref name="limit"/> after the first
    /// <paramref name="skip"/> (a page of the list). The board's <paramref name="cells"/> (<see cref="CellsAsync"/>, same
    /// scope) say which due dates and task numbers the page spans; only those groups are read and ordered.</summary>
    public async Task<List<long>> OverdueIdsAsync(BoardScope scope, IReadOnlyList<BoardCell> cells, int limit, CancellationToken cancel = default, int skip = 0)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var (finalStates, overdueStates) = (FinalStates, OverdueStates);
        var numbers = await TaskNumbersAsync(db, cancel);
        // Which cells are overdue, as the board counted them (each state's role in its own definition).
        var groups = cells.Where(c => definitions.Get(c.DefinitionId, c.DefinitionVersion).State(c.State).Role.IsOverdue(c.PastDue))
            .GroupBy(c => (Due: c.EarliestDue, No: numbers[c.TaskId]))
            .OrderBy(g => g.Key.Due is not null).ThenBy(g => g.Key.Due).ThenBy(g => g.Key.No)
            .Select(g => (g.Key, g.Sum(c => c.Count)));
        var ids = new List<long>(limit);
        foreach (var (key, skipped, take) in CountedPage.Spans(groups, skip, limit))
        {
            var tasks = TasksNumbered(numbers, key.No);
            var group = Scoped(db, scope).Where(a => !finalStates.Contains(a.State!) && (a.PastDue || overdueStates.Contains(a.State!)) && tasks.Contains(a.TaskId));
            group = key.Due is { } due ? group.Where(a => a.DueDate == due) : group.Where(a => a.DueDate == null);
            ids.AddRange(await InListOrder(group).Skip(skipped).Take(take).ToListAsync(cancel));
        }
        return ids;
    }

    /// <summary>Ids of the selected assignments in the given states, by task number and unit.</summary>
    public async Task<List<long>> IdsInStatesAsync(BoardScope scope, IReadOnlyCollection<string> states, int limit, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await (
            from a in Scoped(db, scope).Where(a => states.Contains(a.State!))
            join t in db.PlanTasks on a.TaskId equals t.Id
            orderby t.No, a.ParentId != null, a.UnitId
            select a.Id).Take(limit).ToListAsync(cancel);
    }

    /// <summary>A page of the selected assignments, by task number and unit, as lists show them: <paramref name="limit"/>
    /// lines after the first <paramref name="skip"/>; read task number by task number as the board's
    /// <paramref name="cells"/> (same scope) count them.</summary>
    public async Task<List<long>> PageAsync(BoardScope scope, IReadOnlyList<BoardCell> cells, int limit, CancellationToken cancel = default, int skip = 0)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var numbers = await TaskNumbersAsync(db, cancel);
        var groups = cells.GroupBy(c => numbers[c.TaskId]).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(c => c.Count)));
        var ids = new List<long>(limit);
        foreach (var (no, skipped, take) in CountedPage.Spans(groups, skip, limit))
        {
            var tasks = TasksNumbered(numbers, no);
            ids.AddRange(await InListOrder(Scoped(db, scope).Where(a => tasks.Contains(a.TaskId))).Skip(skipped).Take(take).ToListAsync(cancel));
        }
        return ids;
    }

    /// <summary>Within one task number (and due date): each task's lead before its co-units, then by unit.</summary>
    private static IQueryable<long> InListOrder(IQueryable<AssignmentRow> group) =>
        group.OrderBy(a => a.ParentId != null).ThenBy(a => a.UnitId).ThenBy(a => a.Id).Select(a => a.Id);

    /// <summary>Every task's number (a few dozen a plan; plans of several years share numbers).</summary>
    private static Task<Dictionary<long, int>> TaskNumbersAsync(WorkflowDbContext db, CancellationToken cancel) =>
        db.PlanTasks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.No, cancel);

    private static List<long> TasksNumbered(Dictionary<long, int> numbers, int no) => numbers.Where(t => t.Value == no).Select(t => t.Key).ToList();

    /// <summary>Escalations awaiting the working group's approval on the selected assignments, oldest first.</summary>
    public async Task<List<(long Id, string Step, long RaisedAt, long AssignmentId)>> EscalationsAwaitingAsync(BoardScope scope, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var scoped = Scoped(db, scope);
        var rows = await db.Escalations.AsNoTracking()
            .Where(e => e.Status == "awaiting-approval" && scoped.Any(a => a.Id == e.AssignmentId))
            .OrderBy(e => e.RaisedAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Step, e.RaisedAt, e.AssignmentId })
            .ToListAsync(cancel);
        return rows.Select(e => (e.Id, e.Step, e.RaisedAt, e.AssignmentId)).ToList();
    }

    /// <summary>Per unit of the selection: assignments, closed, overdue, due and closed on time (<see cref="UnitTally"/>),
    /// report periods due and missed, escalations issued by step. Under the filters the database's tallies know (plan,
    /// area) one row per unit from there (<see cref="UnitTallies"/>); under the others, counted
    /// (<see cref="CountUnitTalliesAsync"/>).</summary>
    public async Task<IReadOnlyList<UnitTally>> UnitTalliesAsync(BoardScope scope, DateOnly today, CancellationToken cancel = default)
    {
        if (scope.UnitId is not null || scope.Search is not null || !string.IsNullOrEmpty(scope.State) || !string.IsNullOrEmpty(scope.Action) || scope.TaskNo is not null)
            return await CountUnitTalliesAsync(scope, today, cancel);
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await UnitTallies.ReadAsync(db, scope.PlanYear, RegionOf(scope), today, cancel);
    }

    /// <summary><see cref="UnitTalliesAsync"/> counted from the selected assignments: three GROUP BYs whatever the number of
    /// units — the assignments, their report-missed timers, their escalations — and one read of the units' names.</summary>
    public async Task<IReadOnlyList<UnitTally>> CountUnitTalliesAsync(BoardScope scope, DateOnly today, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var (finalStates, overdueStates) = (FinalStates, OverdueStates);
        var scoped = Scoped(db, scope);
        var counts = await scoped
            .GroupBy(a => a.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Assignments = g.Count(),
                Closed = g.Count(a => finalStates.Contains(a.State!)),
                Overdue = g.Count(a => !finalStates.Contains(a.State!) && (a.PastDue || overdueStates.Contains(a.State!))),
                // A 长期坚持 task (no due date) is never due for completion: it is judged by its reports only.
                Due = g.Count(a => a.DueDate != null && (finalStates.Contains(a.State!) || a.DueDate < today)),
                // Closed on or before the due date's China-time day: closed_at before the next day's midnight there.
                OnTime = g.Count(a => finalStates.Contains(a.State!) && a.DueDate != null && a.ClosedAt != null
                    && a.ClosedAt < (a.DueDate!.Value.DayNumber - EpochDayNumber + 1) * DayMs - ChinaOffsetMs),
            })
            .ToListAsync(cancel);
        // Each report period ends with its report-missed timer (ReportPeriod.MissedAt): fired when the report was not in
        // (催报), skipped when it was (or when the unit was not to be asked: an extension request awaited the working
        // group). Pending timers are periods still open; cancelled ones belong to closed tasks.
        var reporting = await (
                from t in db.Timers.AsNoTracking()
                join a in scoped on t.AssignmentId equals a.Id
                where t.Kind == ReportMissedKind && (t.Status == TimerStatus.Fired || t.Status == TimerStatus.Skipped)
                group t by a.UnitId into g
                select new { UnitId = g.Key, Due = g.Count(), Missed = g.Count(t => t.Status == TimerStatus.Fired) })
            .ToDictionaryAsync(x => x.UnitId, cancel);
        var issued = (await (
                from e in db.Escalations.AsNoTracking()
                join a in scoped on e.AssignmentId equals a.Id
                where e.Status == "issued"
                group e by new { a.UnitId, e.Step } into g
                select new { g.Key.UnitId, g.Key.Step, Count = g.Count() })
            .ToListAsync(cancel))
            .ToLookup(x => x.UnitId);
        var ids = counts.Select(c => c.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Name, u.Kind }, cancel);
        return counts.Select(c => new UnitTally(c.UnitId, units[c.UnitId].Name, units[c.UnitId].Kind, c.Assignments, c.Closed, c.Overdue, c.Due, c.OnTime,
                reporting.GetValueOrDefault(c.UnitId)?.Due ?? 0, reporting.GetValueOrDefault(c.UnitId)?.Missed ?? 0,
                issued[c.UnitId].ToDictionary(x => x.Step, x => x.Count)))
            .ToList();
    }

    /// <summary>How a report period's last timer is stored (<c>StepKind.ReportMissed</c>, written by its name).</summary>
    private static readonly string ReportMissedKind = nameof(StepKind.ReportMissed);
}
