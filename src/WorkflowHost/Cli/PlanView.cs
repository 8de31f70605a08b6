using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Cli;

/// <summary>The stable JSON shape of <c>plan show --json</c>; scripts depend on these names.</summary>
public static class PlanView
{
    /// <summary><c>milestones</c>: every dated step of a due deadline, in order, the last equal to <c>date</c>; empty when
    /// ongoing. <c>dayOfMonth</c>: the day of a monthly cadence written with one (「每月25日前报送」).</summary>
    public sealed record DeadlineJson(string Text, string Kind, string? Date, string? Cadence, IReadOnlyList<string> Milestones, int? DayOfMonth);

    /// <summary><c>notes</c>: bracketed asides of the text (「详见任务分工」), which name no unit.</summary>
    public sealed record ResponsibilityJson(string Text, IReadOnlyList<string> Leads, IReadOnlyList<string> Units, IReadOnlyList<string> Groups, bool Regions, IReadOnlyList<string> Notes);

    /// <summary>One problem of <c>plan validate --json</c>: <c>field</c> is the stable key (no, content, responsibility,
    /// deadline, header, line …), <c>message</c> is for people.</summary>
    public sealed record ProblemJson(string Source, int? Line, int? Task, string Field, string Message, IReadOnlyList<string> Suggestions, string? Hint);

    public static ProblemJson Of(PlanProblem p) => new(p.Source, p.Line, p.TaskNo, p.Field, p.Message, p.Suggestions, p.Hint);

    public sealed record TaskJson(int No, string Content, string? Action, DeadlineJson Deadline, ResponsibilityJson Responsibility, string ReportingCadence);

    public static DeadlineJson Of(Deadline d) => new(
        d.Text,
        d.Kind == DeadlineKind.Due ? "due" : "ongoing",
        d.Date?.ToString("yyyy-MM-dd"),
        d.Cadence?.ToWireName(),
        d.Milestones.Select(m => m.ToString("yyyy-MM-dd")).ToArray(),
        d.DayOfMonth);

    public static TaskJson Of(PlanTask t) => new(
        t.No,
        t.Content,
        t.Action,
        Of(t.Deadline),
        new ResponsibilityJson(t.Responsibility.Text, t.Responsibility.Leads, t.Responsibility.Units, t.Responsibility.Groups, t.Responsibility.Regions, t.Responsibility.Notes),
        t.ReportingCadence.ToWireName());
}
