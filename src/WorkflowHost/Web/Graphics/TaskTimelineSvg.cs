using System.Globalization;
using System.Net;
using System.Text;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Graphics;

/// <summary>
/// 挂图作战: every dated task on one timeline by its deadline, a row per task, coloured by the worst light among its
/// assignments, with the share closed; a line marks today. Each row links to the task's assignments.
/// </summary>
public static class TaskTimelineSvg
{
    public sealed record TaskLine(int TaskNo, string Content, DateOnly Due, TrafficLight Worst, int Closed, int Total);

    public static string Render(IReadOnlyList<TaskLine> lines, DateOnly today, string linkBase)
    {
        const int width = 1000, label = 230, rowHeight = 22, top = 30;
        if (lines.Count == 0) return "<p class=\"muted\">没有符合条件的限期任务。</p>";
        var start = new DateOnly(Math.Min(lines.Min(l => l.Due).Year, today.Year), 1, 1);
        var end = new DateOnly(Math.Max(lines.Max(l => l.Due).Year, today.Year), 12, 31);
        var span = Math.Max(1, end.DayNumber - start.DayNumber);
        double X(DateOnly d) => label + (double)(d.DayNumber - start.DayNumber) / span * (width - label - 20);
        var height = top + lines.Count * rowHeight + 10;

        var svg = new StringBuilder(Invariant($"<svg class=\"chart timeline\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var month = start; month <= end; month = month.AddMonths(1))
        {
            var x = X(month);
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{top - 6}\" x2=\"{x:0.#}\" y2=\"{height}\" class=\"grid\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 2:0.#}\" y=\"16\" class=\"axis\">{(month.Month == 1 ? $"{month.Year}年" : "")}{month.Month}月</text>"));
        }
        var now = X(today);
        svg.Append(Invariant($"<line x1=\"{now:0.#}\" y1=\"{top - 10}\" x2=\"{now:0.#}\" y2=\"{height}\" class=\"today\"/><text {Beside(now, 3, "今天", width)} y=\"{top - 2}\" class=\"today-label\">今天</text>"));
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var y = top + i * rowHeight;
            var x = X(line.Due);
            var title = $"任务{line.TaskNo} 时限 {line.Due:yyyy-MM-dd} 已销号 {line.Closed}/{line.Total}";
            svg.Append(Invariant($"<a href=\"{Esc(linkBase)}{line.TaskNo}\"><g class=\"task {line.Worst.Css()}\"><title>{Esc(title)}：{Esc(line.Content)}</title>"));
            svg.Append(Invariant($"<text x=\"4\" y=\"{y + 15}\">任务{line.TaskNo} {Esc(Short(line.Content))}</text>"));
            svg.Append(Invariant($"<line x1=\"{label}\" y1=\"{y + 11}\" x2=\"{x:0.#}\" y2=\"{y + 11}\" class=\"lead\"/>"));
            svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y + 11}\" r=\"7\" class=\"dot\"/>"));
            var share = Invariant($"{line.Closed}/{line.Total}");
            svg.Append(Invariant($"<text {Beside(x, 11, share, width)} y=\"{y + 15}\" class=\"share\">{share}</text></g></a>"));
        }
        return svg.Append("</svg>").ToString();
    }

    // Chart text is 12 px; digits and the slash about half as wide as a CJK character.
    private const double FontSize = 12;

    /// <summary>Where text beside a mark at <paramref name="x"/> goes: to its right, or, when it would run past the
    /// chart's right edge (a deadline in late December, today near the year's end), to its left, ending before the mark —
    /// the wall's 「0/3」 was cut to 「0/」 there.</summary>
    public static string Beside(double x, double gap, string text, double width) =>
        x + gap + WorkflowDiagramSvg.TextWidth(text, FontSize) <= width - 2
            ? Invariant($"x=\"{x + gap:0.#}\"")
            : Invariant($"x=\"{x - gap:0.#}\" text-anchor=\"end\"");

    private static string Short(string text) => text.Length <= 13 ? text : text[..13] + "…";

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
