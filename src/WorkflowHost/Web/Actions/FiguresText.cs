using System.Globalization;

namespace WorkflowHost.Web.Actions;

/// <summary>Report figures as typed in a form, one per line: <c>检查企业: 120</c> (a Chinese colon works too).</summary>
public static class FiguresText
{
    public static (Dictionary<string, decimal> Figures, List<string> Problems) Parse(string? text)
    {
        var figures = new Dictionary<string, decimal>();
        var problems = new List<string>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Replace('：', ':').Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
                problems.Add($"数据第 {i + 1} 行“{lines[i]}”应为“名称: 数值” (figures line {i + 1} is not 'name: number')");
            else if (!decimal.TryParse(parts[1].Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                problems.Add($"数据第 {i + 1} 行的“{parts[1]}”不是数值 (figures line {i + 1}: '{parts[1]}' is not a number)");
            else if (!figures.TryAdd(parts[0], value))
                problems.Add($"数据“{parts[0]}”重复 (figure '{parts[0]}' appears twice)");
        }
        return (figures, problems);
    }
}
