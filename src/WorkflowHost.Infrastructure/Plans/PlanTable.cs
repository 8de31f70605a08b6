using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// A task list as a table (.csv, .xlsx, or a table in a .docx): a header row, then one task a row. Columns are found
/// by the names offices use, in any order — 序号; 工作任务/重点任务/任务内容/具体措施; 牵头单位; 配合单位/协办单位;
/// 责任单位; 完成时限/时间节点/时限要求; 所属行动 — or by the headers plan.json maps (<c>columns</c>). Rows above the
/// header (a title) are skipped; a row with text in one cell only (「一、强化责任落实」, often merged across) is a section
/// heading for the rows under it. Lead and co-unit columns become labelled clauses (「牵头单位:X;配合单位:Y」).
/// </summary>
internal static class PlanTable
{
    /// <summary>Options a list's plan.json gives: renamed columns, and whether a deadline column may be absent (a
    /// default deadline is set).</summary>
    public sealed record Options(IReadOnlyDictionary<string, string> Columns, bool DeadlineOptional)
    {
        public static Options Default { get; } = new(new Dictionary<string, string>(), false);
    }

    /// <summary>How many rows above the header a table may have (a title, a date line).</summary>
    public const int MaxRowsBeforeHeader = 5;

    private static readonly (string Field, string[] Headers)[] Columns =
    [
        ("no", ["序号", "编号", "no"]),
        ("content", ["工作任务", "重点任务", "任务内容", "具体措施", "工作内容", "主要任务", "工作措施", "content"]),
        ("lead", ["牵头单位", "牵头部门", "lead"]),
        ("co", ["配合单位", "协办单位", "配合部门", "co"]),
        ("responsibility", ["责任单位", "责任部门", "responsibility"]),
        ("deadline", ["完成时限", "时间节点", "时限要求", "完成时间", "deadline"]),
        ("section", ["所属行动", "所属部分", "工作类别", "类别", "action", "section"]),
    ];

    /// <summary>The fields plan.json's <c>columns</c> may map.</summary>
    public static IReadOnlyList<string> Fields { get; } = Columns.Select(c => c.Field).ToArray();

    /// <summary>Rows with their 1-based row number in the file; the header is found among the first rows.</summary>
    public static (IReadOnlyList<RawPlanTask>, IReadOnlyList<PlanProblem>) Read(IReadOnlyList<(int Row, string[] Cells)> rows, string sourceName, Options? options = null)
    {
        options ??= Options.Default;
        var problems = new List<PlanProblem>();
        var tasks = new List<RawPlanTask>();
        if (rows.Count == 0)
        {
            problems.Add(new(sourceName, null, null, "header", "表格是空的"));
            return (tasks, problems);
        }

        var (headerAt, index, missing) = FindHeader(rows, options);
        if (missing.Count > 0)
        {
            problems.AddRange(missing.Select(m => new PlanProblem(sourceName, rows[headerAt].Row, null, "header", m)));
            return (tasks, problems);
        }

        var written = new List<(RawPlanTask Task, bool Arabic)>();
        string? section = null;
        foreach (var (row, cells) in rows.Skip(headerAt + 1))
        {
            string Cell(string field) => index.TryGetValue(field, out var at) && at < cells.Length ? cells[at].Trim() : "";
            var filled = cells.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToArray();
            if (filled.Length == 0) continue;
            if (filled.Length == 1 && (Cell("content").Length == 0 || Cell("no").Length == 0 && LooksLikeHeading(filled[0])))
            {
                section = SectionTitle(filled[0].Trim());
                continue;
            }

            var noText = Cell("no");
            var arabic = int.TryParse(noText, out var no) && no >= 1;
            if (!arabic && noText.Length > 0 && !IsChineseNumber(noText))
            {
                problems.Add(new(sourceName, row, null, "no", $"「{noText}」不是任务序号"));
                continue;
            }
            var task = new RawPlanTask(arabic ? no : 0, Cell("content"), Responsibility(Cell("lead"), Cell("responsibility"), Cell("co")),
                Cell("deadline"), NullIfEmpty(Cell("section")) ?? section, row);
            written.Add((task, arabic));
        }

        // Numbers written 1, 2, 3 … are kept (gaps and repeats are reported); 「一」「(一)」 or blank ones are taken in order.
        var inOrder = written.Any(w => !w.Arabic);
        tasks.AddRange(written.Select((w, i) => inOrder ? w.Task with { No = i + 1 } : w.Task));
        if (tasks.Count == 0 && problems.Count == 0) problems.Add(new(sourceName, null, null, "rows", "表格中没有任务"));
        if (!inOrder) PlanNumbering.Check(tasks, sourceName, problems);
        return (tasks, problems);
    }

    private static (int At, Dictionary<string, int> Index, List<string> Missing) FindHeader(IReadOnlyList<(int Row, string[] Cells)> rows, Options options)
    {
        (int, Dictionary<string, int>, List<string>)? best = null;
        for (var r = 0; r < Math.Min(rows.Count, MaxRowsBeforeHeader + 1); r++)
        {
            var header = rows[r].Cells.Select(Squash).ToArray();
            var index = new Dictionary<string, int>();
            foreach (var (field, names) in Columns)
            {
                var wanted = options.Columns.TryGetValue(field, out var mapped) ? [Squash(mapped)] : names;
                var at = Array.FindIndex(header, h => wanted.Contains(h, StringComparer.OrdinalIgnoreCase));
                if (at >= 0) index[field] = at;
            }
            var missing = Missing(index, options);
            if (missing.Count == 0) return (r, index, missing);
            if (best is null && index.Count > 0) best = (r, index, missing);
        }
        return best ?? (0, new Dictionary<string, int>(), Missing(new Dictionary<string, int>(), options));
    }

    private static List<string> Missing(Dictionary<string, int> index, Options options)
    {
        var missing = new List<string>();
        string Names(string field) => options.Columns.TryGetValue(field, out var mapped)
            ? $"「{mapped}」列(plan.json 的 columns.{field})"
            : $"「{Columns.First(c => c.Field == field).Headers[0]}」列(也可写作{string.Join("、", Columns.First(c => c.Field == field).Headers.Skip(1).SkipLast(1))})";
        if (!index.ContainsKey("no")) missing.Add($"没有{Names("no")}");
        if (!index.ContainsKey("content")) missing.Add($"没有{Names("content")}");
        if (!index.ContainsKey("responsibility") && !index.ContainsKey("lead")) missing.Add($"没有{Names("responsibility")},也没有{Names("lead")}");
        if (!index.ContainsKey("deadline") && !options.DeadlineOptional)
            missing.Add($"没有{Names("deadline")};若清单统一规定完成时限,可在 plan.json 中写 defaultDeadline");
        return missing;
    }

    /// <summary>A 责任单位 cell alone is kept as written (the 2024 annex as a table reads exactly as the text); lead and
    /// co-unit columns become labelled clauses, which the responsibility grammar reads.</summary>
    private static string Responsibility(string lead, string responsible, string co)
    {
        if (lead.Length == 0 && co.Length == 0) return responsible;
        var clauses = new List<string>();
        if (lead.Length > 0) clauses.Add(Labelled("牵头单位", lead));
        if (responsible.Length > 0) clauses.Add(Labelled("责任单位", responsible));
        if (co.Length > 0) clauses.Add(Labelled("配合单位", co));
        return string.Join(";", clauses);
    }

    private static string Labelled(string label, string names) => ResponsibilityLabels.Contains(names.Replace('\uFF1A', ':')) ? names : $"{label}:{names}";

    private static bool LooksLikeHeading(string text) => SectionTitle(text.Trim()) != text.Trim().TrimEnd('。');

    private static string SectionTitle(string text)
    {
        var trimmed = text;
        var at = trimmed.IndexOf('、');
        if (at is > 0 and <= 3 && IsChineseNumber(trimmed[..at])) trimmed = trimmed[(at + 1)..];
        else if (trimmed.Length > 2 && trimmed[0] is '(' or '\uFF08')
        {
            var close = trimmed.IndexOfAny([')', '\uFF09']);
            if (close > 0 && IsChineseNumber(trimmed[1..close])) trimmed = trimmed[(close + 1)..];
        }
        return trimmed.Trim().TrimEnd('。');
    }

    private static bool IsChineseNumber(string text)
    {
        var core = text.Trim().Trim('(', ')', '\uFF08', '\uFF09', '、', '.', '．');
        return core.Length is > 0 and <= 3 && core.All(c => "一二三四五六七八九十".Contains(c));
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
