using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// The task list as the table offices exchange: a header row, then one task a row. Columns are found by their header
/// (Chinese or English), so their order does not matter: 序号/no, 工作任务/content, 责任单位/responsibility,
/// 完成时限/deadline, and optionally 所属行动/action.
/// </summary>
internal static class PlanTable
{
    private static readonly (string Field, string[] Headers, bool Required)[] Columns =
    [
        ("no", ["序号", "no"], true),
        ("content", ["工作任务", "任务内容", "content"], true),
        ("responsibility", ["责任单位", "responsibility"], true),
        ("deadline", ["完成时限", "deadline"], true),
        ("action", ["所属行动", "action"], false),
    ];

    /// <summary>Rows with their 1-based row number in the file; the first is the header.</summary>
    public static (IReadOnlyList<RawPlanTask>, IReadOnlyList<PlanProblem>) Read(IReadOnlyList<(int Row, string[] Cells)> rows, string sourceName)
    {
        var problems = new List<PlanProblem>();
        var tasks = new List<RawPlanTask>();
        if (rows.Count == 0)
        {
            problems.Add(new(sourceName, null, null, "header", "the table is empty"));
            return (tasks, problems);
        }

        var header = rows[0].Cells.Select(c => c.Trim()).ToArray();
        var index = new Dictionary<string, int>();
        foreach (var (field, names, required) in Columns)
        {
            var at = Array.FindIndex(header, h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
            if (at >= 0) index[field] = at;
            else if (required) problems.Add(new(sourceName, rows[0].Row, null, "header", $"no column '{names[0]}' (or '{names[^1]}') in the header row"));
        }
        if (problems.Count > 0) return (tasks, problems);

        foreach (var (row, cells) in rows.Skip(1))
        {
            string Cell(string field) => index.TryGetValue(field, out var at) && at < cells.Length ? cells[at].Trim() : "";
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (!int.TryParse(Cell("no"), out var no) || no < 1)
            {
                problems.Add(new(sourceName, row, null, "no", $"'{Cell("no")}' is not a task number"));
                continue;
            }
            var task = new RawPlanTask(no, Cell("content"), Cell("responsibility"), Cell("deadline"), NullIfEmpty(Cell("action")), row);
            foreach (var field in new[] { "content", "responsibility", "deadline" })
                if (Cell(field).Length == 0) problems.Add(new(sourceName, row, no, field, "empty"));
            tasks.Add(task);
        }
        if (tasks.Count == 0 && problems.Count == 0) problems.Add(new(sourceName, null, null, "rows", "the table lists no tasks"));
        PlanNumbering.Check(tasks, sourceName, problems);
        return (tasks, problems);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
