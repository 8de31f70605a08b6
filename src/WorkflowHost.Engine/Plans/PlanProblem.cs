namespace WorkflowHost.Engine.Plans;

/// <summary>
/// One thing wrong with a plan source, located precisely enough to fix it: the file, the line (or table row, or the
/// paragraph of a Word document), the task number and the field, when known. <see cref="Suggestions"/> are directory
/// names close to an unknown one; <see cref="Hint"/> says what would have been accepted (the deadline forms).
/// </summary>
public sealed record PlanProblem(string Source, int? Line, int? TaskNo, string Field, string Message)
{
    /// <summary>Names in the unit directory that are nearest to an unknown name, best first; empty otherwise.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The accepted forms, with examples, when the problem is a refusal of a written form; null otherwise.</summary>
    public string? Hint { get; init; }

    public override string ToString()
    {
        var where = Source;
        if (Line is { } line) where += $":{line}";
        var task = TaskNo is { } no ? $" 任务{no}" : "";
        var suggestions = Suggestions.Count > 0 ? $"(是否为:{string.Join("、", Suggestions)})" : "";
        return $"{where}:{task} {PlanFields.Title(Field)}: {Message}{suggestions}";
    }
}

/// <summary>What people call the fields a problem can name; plan.json keys (year, source, defaultDeadline …) are
/// what they type, so those stay as written.</summary>
public static class PlanFields
{
    public static string Title(string field) => field switch
    {
        "no" => "序号",
        "content" => "任务内容",
        "responsibility" => "责任单位",
        "deadline" => "完成时限",
        "section" => "所属部分",
        "line" => "格式",
        "annex" => "任务清单",
        "header" => "表头",
        "rows" => "表格",
        "encoding" => "编码",
        "path" => "路径",
        "reporting" => "报送周期",
        "limit" => "限制",
        _ => field,
    };
}

/// <summary>A plan source with problems; nothing was imported.</summary>
public sealed class PlanInvalidException(IReadOnlyList<PlanProblem> problems)
    : Exception($"计划有{problems.Count}个问题:{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<PlanProblem> Problems { get; } = problems;
}
