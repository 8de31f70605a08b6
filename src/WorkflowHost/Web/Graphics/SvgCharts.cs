using System.Globalization;
using System.Net;
using System.Text;

namespace WorkflowHost.Web.Graphics;

/// <summary>Small inline SVG charts for the dashboard: no script, no CDN, readable printed.</summary>
public static class SvgCharts
{
    public sealed record Bar(string Label, double Value, string Css, string? Text = null);

    /// <summary>Horizontal bars, one per row, with the value at the end.</summary>
    public static string HorizontalBars(IReadOnlyList<Bar> bars, double? max = null, int width = 520, int labelWidth = 150)
    {
        const int rowHeight = 24;
        var top = max ?? Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var plot = width - labelWidth - 60;
        var height = Math.Max(rowHeight, bars.Count * rowHeight) + 4;
        var svg = new StringBuilder(Invariant($"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * rowHeight + 2;
            var length = top <= 0 ? 0 : Math.Max(bar.Value > 0 ? 2 : 0, bar.Value / top * plot);
            svg.Append(Invariant($"<text x=\"{labelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\">{Esc(bar.Label)}</text>"));
            svg.Append(Invariant($"<rect class=\"{bar.Css}\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{rowHeight - 8}\" rx=\"3\"/>"));
            svg.Append(Invariant($"<text x=\"{labelWidth + length + 6:0.#}\" y=\"{y + 16}\">{Esc(bar.Text ?? bar.Value.ToString("0.#", CultureInfo.InvariantCulture))}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A segment's label on the stacked bar: where it starts and how wide it is drawn.</summary>
    public sealed record ShareLabel(string Text, double X, double Width);

    private const double ShareFont = 12, ShareGap = 4;

    /// <summary>One bar split by share (the traffic lights): proportions people read at a glance. Every segment is
    /// labelled under the bar where its words fit, the largest always (see <see cref="ShareLabels"/>).</summary>
    public static string StackedShare(IReadOnlyList<Bar> parts, int width = 520)
    {
        var total = parts.Sum(p => p.Value);
        var svg = new StringBuilder(Invariant($"<svg class=\"chart\" viewBox=\"0 0 {width} 56\" width=\"{width}\" height=\"56\" xmlns=\"http://www.w3.org/2000/svg\">"));
        double x = 0;
        foreach (var part in parts.Where(p => p.Value > 0))
        {
            var w = total == 0 ? 0 : part.Value / total * width;
            svg.Append(Invariant($"<rect class=\"{part.Css}\" x=\"{x:0.#}\" y=\"0\" width=\"{w:0.#}\" height=\"28\"><title>{Esc(part.Label)} {part.Value}</title></rect>"));
            x += w;
        }
        foreach (var label in ShareLabels(parts, width))
            svg.Append(Invariant($"<text x=\"{label.X:0.#}\" y=\"46\">{Esc(label.Text)}</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The labels under a stacked bar, largest segment first: each starts under its segment (moved left when
    /// it would run past the bar's end) and is dropped only if it would meet a label already placed — so the largest
    /// is always named and no two labels overlap, however small the other segments are.</summary>
    public static IReadOnlyList<ShareLabel> ShareLabels(IReadOnlyList<Bar> parts, int width)
    {
        var total = parts.Sum(p => p.Value);
        if (total <= 0) return [];
        var segments = new List<(Bar Part, double X, double Width)>();
        double x = 0;
        foreach (var part in parts.Where(p => p.Value > 0))
        {
            var w = part.Value / total * width;
            segments.Add((part, x, w));
            x += w;
        }
        var placed = new List<ShareLabel>();
        foreach (var (part, start, _) in segments.OrderByDescending(s => s.Width))
        {
            var text = $"{part.Label} {part.Value.ToString("0.#", CultureInfo.InvariantCulture)}";
            var textWidth = WorkflowDiagramSvg.TextWidth(text, ShareFont);
            var label = new ShareLabel(text, Math.Max(0, Math.Min(start + 2, width - textWidth)), textWidth);
            if (placed.All(p => label.X + label.Width + ShareGap <= p.X || p.X + p.Width + ShareGap <= label.X)) placed.Add(label);
        }
        return placed.OrderBy(p => p.X).ToList();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
