using System.Globalization;
using System.Text;

namespace WorkflowHost.Benchmarks;

/// <summary>The benchmark's report: one table (measure, size, value, target, verdict) and notes below it — the
/// storm's per-phase profile and anything that limits a number.</summary>
public sealed class BenchTable
{
    private readonly List<(string Measure, string Size, string Value, string Target, bool? Met)> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string measure, string size, string value, string target, bool? met) => _rows.Add((measure, size, value, target, met));

    public void Note(string note) => _notes.Add(note);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| measure | size | value | target | met |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (measure, size, value, target, met) in _rows)
            text.AppendLine($"| {measure} | {size} | {value} | {target} | {(met is null ? "—" : met.Value ? "yes" : "**no**")} |");
        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes) text.AppendLine(note);
        }
        return text.ToString();
    }

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) => milliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
}
