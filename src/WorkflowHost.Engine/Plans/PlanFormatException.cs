namespace WorkflowHost.Engine.Plans;

/// <summary>Input that does not say what the plan format expects. The message names the text that was wrong;
/// <see cref="Hint"/>, when set, lists the forms that would have been accepted.</summary>
public class PlanFormatException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}

/// <summary>One problem of a responsibility text; <paramref name="UnknownName"/> is set when a name is not in the
/// directory, so the caller can suggest the nearest ones.</summary>
public sealed record ResponsibilityIssue(string Message, string? UnknownName = null);

/// <summary>Every problem of one responsibility text at once (all unknown names, not only the first), so one run of
/// <c>plan validate</c> shows all a directory lacks.</summary>
public sealed class ResponsibilityFormatException(IReadOnlyList<ResponsibilityIssue> issues)
    : PlanFormatException(string.Join(";", issues.Select(issue => issue.Message)))
{
    public IReadOnlyList<ResponsibilityIssue> Issues { get; } = issues;
}
