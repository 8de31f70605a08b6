using System.Text.RegularExpressions;
using WorkflowHost.Web.Graphics;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15 part 10's charts, by the positions they compute: the traffic-light bar names its largest segment
/// and no two of its labels overlap; the wall's counts beside a late-December deadline stay inside the chart (they were
/// cut to 「0/」 at its right edge).</summary>
public sealed partial class ChartLabelTests
{
    [Theory]
    [InlineData(115, 1092, 34, 0)]
    [InlineData(3, 4, 1200, 2)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(0, 0, 9, 0)]
    [InlineData(600, 2, 1, 600)]
    public void The_largest_light_is_always_labelled_and_no_labels_overlap(int red, int yellow, int green, int closed)
    {
        var parts = new[] { ("红", red, "red"), ("黄", yellow, "yellow"), ("绿", green, "green"), ("已销号", closed, "closed") }
            .Select(p => new SvgCharts.Bar(p.Item1, p.Item2, p.Item3)).ToList();

        var labels = SvgCharts.ShareLabels(parts, 520);

        var largest = parts.MaxBy(p => p.Value)!;
        Assert.Contains(labels, l => l.Text == $"{largest.Label} {largest.Value}");
        for (var i = 1; i < labels.Count; i++) Assert.True(labels[i - 1].X + labels[i - 1].Width < labels[i].X, $"{labels[i - 1]} meets {labels[i]}");
        Assert.All(labels, l => Assert.True(l.X >= 0 && l.X + l.Width <= 520, $"{l} off the bar"));
        Assert.Contains($">{largest.Label} {largest.Value}</text>", SvgCharts.StackedShare(parts, 520));
    }

    [Fact]
    public void The_boards_lights_of_mid_April_are_all_named()
    {
        var parts = new[] { new SvgCharts.Bar("红", 115, "red"), new SvgCharts.Bar("黄", 1092, "yellow"), new SvgCharts.Bar("绿", 34, "green") };

        Assert.Equal(["红 115", "黄 1092", "绿 34"], SvgCharts.ShareLabels(parts, 520).Select(l => l.Text));
    }

    [Fact]
    public void A_count_beside_a_year_end_deadline_ends_inside_the_wall()
    {
        var lines = new[]
        {
            new TaskTimelineSvg.TaskLine(7, "年底任务", new DateOnly(2024, 12, 31), TrafficLight.Yellow, 0, 37),
            new TaskTimelineSvg.TaskLine(8, "年中任务", new DateOnly(2024, 6, 30), TrafficLight.Green, 3, 12),
        };

        var svg = TaskTimelineSvg.Render(lines, new DateOnly(2024, 12, 30), "/board?task=");

        var width = double.Parse(ViewBoxWidth().Match(svg).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        foreach (Match text in Text().Matches(svg))
        {
            var x = double.Parse(text.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var drawn = WorkflowDiagramSvg.TextWidth(text.Groups[3].Value, 12);
            var (left, right) = text.Groups[2].Success ? (x - drawn, x) : (x, x + drawn);
            Assert.True(left >= 0 && right <= width, $"「{text.Groups[3].Value}」 spans {left:0}–{right:0} of {width}");
        }
        Assert.Contains(">0/37</text>", svg);
        Assert.Contains(">今天</text>", svg);
    }

    [GeneratedRegex("viewBox=\"0 0 ([0-9.]+) ")]
    private static partial Regex ViewBoxWidth();

    [GeneratedRegex("<text x=\"([0-9.]+)\"( text-anchor=\"end\")?[^>]*>([^<]*)</text>")]
    private static partial Regex Text();
}
