namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// How a bulk writer on SQLite keeps the board's counts (<see cref="BoardCountRow"/>) and the units' tallies
/// (<see cref="Dashboard.UnitTallies"/>) itself instead of the per-row triggers on assignments: <see cref="Pause"/> in its
/// transaction, what the rows it will change count for taken off (<see cref="Changes"/> with −1), its writes, the counts
/// added back (+1), <see cref="Resume"/>. The pause row is never committed (a failed transaction rolls it back with the rest).
/// </summary>
public static class SqliteBoardCounts
{
    public const string Pause = "INSERT INTO board_count_pause (paused) VALUES (1)";
    public const string Resume = "DELETE FROM board_count_pause";

    /// <summary>The board cells and the unit tallies of the assignments <paramref name="rows"/> (a condition on <c>a</c>)
    /// selects, each counted <paramref name="sign"/> times — what the paused triggers would have written row by row.</summary>
    public static string Changes(string rows, int sign) => $"""
        INSERT INTO board_count_changes (task_id, region, definition_id, definition_version, state, past_due, due_date, missed_reports, open_escalation, change)
        SELECT a.task_id, COALESCE(u.kind = 'region', 0), COALESCE(a.definition_id, ''), a.definition_version, a.state, a.past_due,
               COALESCE(a.due_date, '0001-01-01'), a.missed_reports > 0, a.open_escalations > 0, {sign} * COUNT(*)
        FROM assignments a LEFT JOIN units u ON u.id = a.unit_id
        WHERE {rows} AND a.state IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
        INSERT INTO unit_tally_changes (unit_id, plan_id, assignments, closed, overdue, dated_closed, on_time, open_dated_before)
        SELECT unit_id, plan_id, {sign} * COUNT(*), {sign} * SUM(closed), {sign} * SUM(overdue), {sign} * SUM(dated_closed), {sign} * SUM(on_time),
               {sign} * SUM(open_dated_before)
        FROM (SELECT a.unit_id, t.plan_id, {Dashboard.UnitTallies.AssignmentMeasures("a", postgres: false)}
              FROM assignments a JOIN plan_tasks t ON t.id = a.task_id {Dashboard.UnitTallies.RolesOf("a")}
              WHERE {rows} AND a.state IS NOT NULL)
        GROUP BY unit_id, plan_id
        """;
}
