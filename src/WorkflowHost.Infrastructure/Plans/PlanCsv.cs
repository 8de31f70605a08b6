using System.Text;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks), read into <see cref="PlanTable"/>.</summary>
internal static class PlanCsv
{
    public static (IReadOnlyList<RawPlanTask>, IReadOnlyList<PlanProblem>) Parse(string text, string sourceName, PlanTable.Options? options = null)
    {
        var rows = new List<(int, string[])>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; cell.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0: quoted = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    cells.Add(cell.ToString()); cell.Clear();
                    rows.Add((rowStart, cells.ToArray())); cells.Clear();
                    rowStart = ++line;
                    break;
                default: cell.Append(c); break;
            }
        }
        if (quoted)
            return ([], [new PlanProblem(sourceName, rowStart, null, "csv", "有一个引号没有闭合")]);
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add((rowStart, cells.ToArray()));
        }
        return PlanTable.Read(rows, sourceName, options);
    }
}
