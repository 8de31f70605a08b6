namespace WorkflowHost.Engine.Plans;

/// <summary>
/// One thing wrong with a plan source, located precisely enough to fix it: the file, the line (or table row),
/// the task number and the field, when known.
/// </summary>
public sealed record PlanProblem(string Source, int? Line, int? TaskNo, string Field, string Message)
{
    public override string ToString()
    {
        var where = Source;
        if (Line is { } line) where += $":{line}";
        var task = TaskNo is { } no ? $" task {no}" : "";
        return $"{where}:{task} {Field}: {Message}";
    }
}

/// <summary>A plan source with problems; nothing was imported.</summary>
public sealed class PlanInvalidException(IReadOnlyList<PlanProblem> problems)
    : Exception($"the plan has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<PlanProblem> Problems { get; } = problems;
}
