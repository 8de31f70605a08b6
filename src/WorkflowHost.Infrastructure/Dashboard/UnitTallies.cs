using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// 晾晒's numbers (<see cref="UnitTally"/>) per unit and plan as the database keeps them, so the ranking reads one row per
/// unit instead of grouping every assignment, its report timers and its escalations. Kept as the board's counts are
/// (<see cref="BoardCounts"/>): triggers on assignments, timers and escalations append each change to
/// <c>unit_tally_changes</c> in the writer's own transaction; a read adds them to <c>unit_tallies</c>; the engine folds them
/// after each run. Columns of both tables:
/// <list type="bullet">
/// <item>assignments, closed (a state of role <see cref="StateRole.Closed"/>), overdue (<see cref="StateRoleRules.IsOverdue"/>);</item>
/// <item>dated_closed (closed, with a due date) and on_time (of those, closed by the end of the due date, China time);</item>
/// <item>open_dated_before: not closed, with a due date before the day in <c>unit_tally_day</c>. A unit's "due" is
/// dated_closed plus its open assignments dated before today; today moves, so the kept part stops at that day and a read
/// adds the few assignments dated between it and today (index on due_date). The fold moves the day to today.</item>
/// <item>reports_due, reports_missed (report-missed timers fired or skipped / fired); letters … exposures (issued escalations by step).</item>
/// </list>
/// What a state's role is lives in the definitions, so the triggers read it from <c>state_roles</c>, written here at start
/// from the loaded definitions (<see cref="PrepareAsync"/>); when that table changes the tallies are counted again.
/// </summary>
public sealed class UnitTallies(IDbContextFactory<WorkflowDbContext> contexts)
{
    private const string Measures = "assignments, closed, overdue, dated_closed, on_time, open_dated_before, reports_due, reports_missed, letters, circulars, summons, exposures";

    /// <summary>The tallies of every unit with a started assignment in the plans of <paramref name="planYear"/> (null: all),
    /// of 市州 or the others only (<paramref name="region"/>, null: both), as of <paramref name="today"/>. One statement, so
    /// one snapshot: the kept rows as they are, then the changes not yet folded and the open assignments dated between the
    /// kept day and today, summed per unit (none, once the engine has folded that day); they are added up here. The kept
    /// rows are not summed by the database: a row per unit and plan, and SQLite's GROUP BY with twelve sums over 5,000
    /// units took longer than reading them (a GROUP BY over the union of all three sorted them too: 24 ms of the
    /// ranking's 26).</summary>
    public static async Task<List<UnitTally>> ReadAsync(WorkflowDbContext db, int? planYear, bool? region, DateOnly today, CancellationToken cancel)
    {
        var filters = new List<string>();
        // "+k.plan_id": SQLite 3.49 pushed the plan's filter into the assignments dated since the kept day and walked every
        // assignment of the plan by task (57 ms) instead of the few on the due-date index (0.3 ms); the + keeps it outside.
        if (planYear is not null) filters.Add("+k.plan_id IN (SELECT id FROM plans WHERE year = {1})");
        if (region is { } r) filters.Add(r ? "u.kind = 'region'" : "u.kind <> 'region'");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        var sql = $"""
            SELECT u.id, u.name, u.kind, {Measures}
            FROM unit_tallies k JOIN units u ON u.id = k.unit_id {where}
            UNION ALL
            SELECT u.id, u.name, u.kind, {Sums}
            FROM (
                SELECT unit_id, plan_id, {Measures} FROM unit_tally_changes
                UNION ALL SELECT a.unit_id, t.plan_id, 0, 0, 0, 0, 0, CASE WHEN a.due_date < (SELECT as_of FROM unit_tally_day) THEN -1 ELSE 1 END, 0, 0, 0, 0, 0, 0
                FROM assignments a JOIN plan_tasks t ON t.id = a.task_id {RolesOf("a")}
                WHERE a.state IS NOT NULL AND NOT COALESCE(r.closed, FALSE)
                  AND a.due_date >= (SELECT CASE WHEN as_of < {TodayParameter} THEN as_of ELSE {TodayParameter} END FROM unit_tally_day)
                  AND a.due_date < (SELECT CASE WHEN as_of < {TodayParameter} THEN {TodayParameter} ELSE as_of END FROM unit_tally_day)
            ) k JOIN units u ON u.id = k.unit_id {where}
            GROUP BY u.id, u.name, u.kind
            """;
        var units = new Dictionary<long, (string Name, string Kind, long[] Counts)>();
        await EachRowAsync(db, sql, planYear is { } year ? [today, year] : [today], row =>
        {
            var id = row.GetInt64(0);
            if (!units.TryGetValue(id, out var unit)) units[id] = unit = (row.GetString(1), row.GetString(2), new long[12]);
            for (var i = 0; i < 12; i++) unit.Counts[i] += row.GetInt64(3 + i);
        }, cancel);
        return units.Where(u => u.Value.Counts[0] > 0).Select(u => TallyOf(u.Key, u.Value.Name, u.Value.Kind, u.Value.Counts)).ToList();
    }

    /// <summary>A unit's tally from its sums of the <see cref="Measures"/> columns, in their order.</summary>
    private static UnitTally TallyOf(long unitId, string name, string kind, long[] m) =>
        new(unitId, name, kind, Assignments: (int)m[0], Closed: (int)m[1], Overdue: (int)m[2], Due: (int)(m[3] + m[5]), ClosedOnTime: (int)m[4],
            ReportsDue: (int)m[6], ReportsMissed: (int)m[7], IssuedByStep: ByStep(m[8..]));

    /// <summary>Issued escalations by step, from the letters … exposures columns (steps with none left out).</summary>
    private static Dictionary<string, int> ByStep(long[] counts) => new[] { EscalationSteps.Letter, EscalationSteps.Circular, EscalationSteps.Summons, EscalationSteps.Exposure }
        .Select((step, i) => (Step: step, Count: (int)counts[i])).Where(s => s.Count != 0).ToDictionary(s => s.Step, s => s.Count);

    /// <summary>Reads rows by ADO.NET on the context's connection, <c>{0}</c>, <c>{1}</c> … standing for
    /// <paramref name="parameters"/>: EF's <c>SqlQuery</c> for a row type would add that type to the shared (compiled) model.</summary>
    private static async Task<List<T>> QueryAsync<T>(WorkflowDbContext db, string sql, IReadOnlyList<object> parameters, Func<DbDataReader, T> read, CancellationToken cancel)
    {
        var rows = new List<T>();
        await EachRowAsync(db, sql, parameters, row => rows.Add(read(row)), cancel);
        return rows;
    }

    /// <summary><see cref="QueryAsync{T}"/>, handing each row to <paramref name="each"/> as it is read.</summary>
    private static async Task EachRowAsync(WorkflowDbContext db, string sql, IReadOnlyList<object> parameters, Action<DbDataReader> each, CancellationToken cancel)
    {
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < parameters.Count; i++)
            {
                sql = sql.Replace($"{{{i}}}", $"@p{i}");
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = parameters[i];
                command.Parameters.Add(parameter);
            }
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel)) each(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Writes the roles of the loaded definitions' states into <c>state_roles</c>; if they differ from what is
    /// there (the first start, a definition added or changed), counts every tally again from the assignments, their
    /// report timers and their escalations, with the kept day set to <paramref name="today"/>. On PostgreSQL the writers
    /// wait meanwhile (the tables are locked), so nothing changes between the count and the triggers.</summary>
    public static async Task PrepareAsync(WorkflowDbContext db, WorkflowDefinitionCatalog definitions, DateOnly today, CancellationToken cancel)
    {
        var wanted = definitions.All.SelectMany(d => d.States.Select(s => new StateRoleLine(d.Id, d.Version, s.Name,
                s.Role == StateRole.Closed, s.Role == StateRole.Overdue)))
            .ToHashSet();
        var present = await QueryAsync(db, "SELECT definition_id, definition_version, state, closed, overdue FROM state_roles", [],
            r => new StateRoleLine(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4)), cancel);
        if (present.Count == wanted.Count && present.All(wanted.Contains)) return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        // SHARE ROW EXCLUSIVE: the writers wait, and so does another node starting at the same moment (SHARE alone
        // would let two of them delete and insert the same roles at once).
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("LOCK TABLE assignments, timers, escalations IN SHARE ROW EXCLUSIVE MODE", cancel);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM state_roles", cancel);
        foreach (var role in wanted)
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO state_roles (definition_id, definition_version, state, closed, overdue) VALUES ({0}, {1}, {2}, {3}, {4})",
                [role.DefinitionId, role.DefinitionVersion, role.State, role.Closed, role.Overdue], cancel);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM unit_tally_changes; DELETE FROM unit_tallies; UPDATE unit_tally_day SET as_of = {0};", [today], cancel);
        var recount = $"""
            INSERT INTO unit_tallies (unit_id, plan_id, {Measures})
            SELECT unit_id, plan_id, {Sums} FROM (
                SELECT a.unit_id, t.plan_id, 1 AS assignments, {AssignmentMeasures("a", db.Database.IsNpgsql())}, 0 AS reports_due, 0 AS reports_missed,
                       0 AS letters, 0 AS circulars, 0 AS summons, 0 AS exposures
                FROM assignments a JOIN plan_tasks t ON t.id = a.task_id {RolesOf("a")}
                WHERE a.state IS NOT NULL
                UNION ALL
                SELECT a.unit_id, t.plan_id, 0, 0, 0, 0, 0, 0, 1, CASE WHEN m.status = {TimerStatus.Fired} THEN 1 ELSE 0 END, 0, 0, 0, 0
                FROM timers m JOIN assignments a ON a.id = m.assignment_id JOIN plan_tasks t ON t.id = a.task_id
                WHERE m.kind = '{nameof(StepKind.ReportMissed)}' AND m.status IN ({TimerStatus.Fired}, {TimerStatus.Skipped})
                UNION ALL
                SELECT a.unit_id, t.plan_id, 0, 0, 0, 0, 0, 0, 0, 0,
                       {StepIs("letter")}, {StepIs("circular")}, {StepIs("summons")}, {StepIs("exposure")}
                FROM escalations e JOIN assignments a ON a.id = e.assignment_id JOIN plan_tasks t ON t.id = a.task_id
                WHERE e.status = 'issued'
            ) c GROUP BY unit_id, plan_id
            """;
        await db.Database.ExecuteSqlRawAsync(recount, cancel);
        await transaction.CommitAsync(cancel);
    }

    private sealed record StateRoleLine(string DefinitionId, int DefinitionVersion, string State, bool Closed, bool Overdue);

    private static string StepIs(string step) => $"CASE WHEN e.step = '{step}' THEN 1 ELSE 0 END";

    /// <summary>Moves the kept day up to <paramref name="today"/> (the open assignments dated between the two join
    /// open_dated_before), then the changes into the tallies (<see cref="ChangeFold"/>); returns how many tallies it
    /// changed. On PostgreSQL moving the day waits for the assignments' writers (SHARE lock: a writer's trigger must not
    /// count with the old day what this counts with the new one).</summary>
    public async Task<int> FoldAsync(DateOnly today, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var behind = await db.Database.SqlQueryRaw<DateOnly>("""SELECT as_of AS "Value" FROM unit_tally_day""").SingleAsync(cancel) < today;
        if (!behind && !await db.Database.SqlQueryRaw<int>("""SELECT 1 AS "Value" FROM unit_tally_changes""").AnyAsync(cancel)) return 0;
        await using var transaction = await ChangeFold.BeginAsync(db, FoldLock, cancel);
        if (transaction is null) return 0;
        if (behind)
        {
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("LOCK TABLE assignments IN SHARE MODE", cancel);
            var advance = $"""
                INSERT INTO unit_tally_changes (unit_id, plan_id, open_dated_before)
                SELECT a.unit_id, t.plan_id, COUNT(*)
                FROM assignments a JOIN plan_tasks t ON t.id = a.task_id {RolesOf("a")}
                WHERE a.state IS NOT NULL AND NOT COALESCE(r.closed, FALSE)
                  AND a.due_date >= (SELECT as_of FROM unit_tally_day) AND a.due_date < {TodayParameter}
                GROUP BY a.unit_id, t.plan_id;
                UPDATE unit_tally_day SET as_of = {TodayParameter} WHERE as_of < {TodayParameter};
                """;
            await db.Database.ExecuteSqlRawAsync(advance, [today], cancel);
        }
        var moved = await ChangeFold.MoveAsync(db, "unit_tally_changes", "unit_tallies", "unit_id, plan_id",
            Measures.Split(", ").Select(m => (m, m)).ToList(), cancel);
        await transaction.CommitAsync(cancel);
        return moved;
    }

    /// <summary>PostgreSQL's advisory lock that keeps two folds of the tallies apart.</summary>
    private const long FoldLock = 7270419;

    /// <summary>Where the SQL above takes today: EF's first positional parameter.</summary>
    private const string TodayParameter = "{0}";

    private static readonly string Sums = string.Join(", ", Measures.Split(", ").Select(m => $"SUM({m})"));

    /// <summary>The join that gives assignment <paramref name="a"/>'s state its role (alias <c>r</c>; none: working).</summary>
    public static string RolesOf(string a) =>
        $"LEFT JOIN state_roles r ON r.definition_id = COALESCE({a}.definition_id, '') AND r.definition_version = {a}.definition_version AND r.state = {a}.state";

    /// <summary>closed, overdue, dated_closed, on_time and open_dated_before of assignment <paramref name="a"/> (its role
    /// joined as <c>r</c>, <see cref="RolesOf"/>), as the triggers count them. Closed on time: closed_at (ms) before the
    /// next day's midnight in China (UTC+8) after the due date.</summary>
    public static string AssignmentMeasures(string a, bool postgres)
    {
        var days = postgres ? $"({a}.due_date - DATE '1970-01-01')" : $"CAST(julianday({a}.due_date) - 2440587.5 AS INTEGER)";
        return $"""
            CASE WHEN COALESCE(r.closed, FALSE) THEN 1 ELSE 0 END AS closed,
            CASE WHEN NOT COALESCE(r.closed, FALSE) AND ({a}.past_due OR COALESCE(r.overdue, FALSE)) THEN 1 ELSE 0 END AS overdue,
            CASE WHEN COALESCE(r.closed, FALSE) AND {a}.due_date IS NOT NULL THEN 1 ELSE 0 END AS dated_closed,
            CASE WHEN COALESCE(r.closed, FALSE) AND {a}.due_date IS NOT NULL AND {a}.closed_at IS NOT NULL
                 AND {a}.closed_at < CAST({days} + 1 AS BIGINT) * 86400000 - 28800000 THEN 1 ELSE 0 END AS on_time,
            CASE WHEN NOT COALESCE(r.closed, FALSE) AND {a}.due_date < (SELECT as_of FROM unit_tally_day) THEN 1 ELSE 0 END AS open_dated_before
            """;
    }
}
