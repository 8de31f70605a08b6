namespace WorkflowHost.Infrastructure.Input;

/// <summary>
/// The rule for a report's figures (数据), wherever they come from (the page's lines, the API's map): at most
/// <see cref="InputLimits.FiguresPerReport"/>, each name a non-blank label of free text within
/// <see cref="InputLimits.FigureNameLength"/> characters, each value within ±<see cref="InputLimits.FigureMagnitude"/>
/// with at most <see cref="InputLimits.FigureDecimals"/> decimal places. Sums of accepted figures cannot overflow, and
/// every name can be written into a .docx and a mail.
/// </summary>
public static class ReportFigures
{
    public static List<string> Problems(IReadOnlyDictionary<string, decimal>? figures)
    {
        var problems = new List<string>();
        if (figures is null) return problems;
        if (figures.Count > InputLimits.FiguresPerReport)
            problems.Add($"数据最多 {InputLimits.FiguresPerReport} 项,现有 {figures.Count} 项");
        foreach (var (name, value) in figures.Take(InputLimits.FiguresPerReport + 1))
        {
            if (NameProblem(name) is { } nameProblem) problems.Add(nameProblem);
            else if (ValueProblem(name, value) is { } valueProblem) problems.Add(valueProblem);
            if (problems.Count >= 10) break; // enough to act on; a thousand bad names make no better message
        }
        return problems;
    }

    public static string? NameProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "数据名称不能为空";
        if (name.Length > InputLimits.FigureNameLength)
            return $"数据名称“{Shown(name[..10])}…”超过 {InputLimits.FigureNameLength} 个字符(现为 {name.Length} 个)";
        // A name is one line of a table: unlike free text, not even a tab or a line break.
        for (var i = 0; i < name.Length; i++)
            if (char.IsControl(name[i]))
                return $"数据名称“{Shown(name)}”第 {i + 1} 个字符是控制字符 U+{(int)name[i]:X4}";
        return FreeText.Problem($"数据名称“{Shown(name)}”", "figures", name);
    }

    public static string? ValueProblem(string name, decimal value)
    {
        if (decimal.Abs(value) > InputLimits.FigureMagnitude)
            return $"数据“{Shown(name)}”的数值超出范围(绝对值不超过 1 万亿)";
        if (value.Scale > InputLimits.FigureDecimals && value != decimal.Round(value, InputLimits.FigureDecimals))
            return $"数据“{Shown(name)}”的数值最多保留 {InputLimits.FigureDecimals} 位小数";
        return null;
    }

    /// <summary>A name as a message may quote it: control characters shown as their code, so the message itself is safe.</summary>
    private static string Shown(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString()));
}
