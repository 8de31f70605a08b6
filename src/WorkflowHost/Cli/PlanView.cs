using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Cli;

/// <summary>The stable JSON shape of <c>plan show --json</c>; scripts depend on these names.</summary>
public static class PlanView
{
    public sealed record DeadlineJson(string Text, string Kind, string? Date, string? Cadence);

    public sealed record ResponsibilityJson(string Text, IReadOnlyList<string> Leads, IReadOnlyList<string> Units, IReadOnlyList<string> Groups, bool Regions);

    public sealed record TaskJson(int No, string Content, string? Action, DeadlineJson Deadline, ResponsibilityJson Responsibility, string ReportingCadence);

    public static DeadlineJson Of(Deadline d) => new(
        d.Text,
        d.Kind == DeadlineKind.Due ? "due" : "ongoing",
        d.Date?.ToString("yyyy-MM-dd"),
        d.Cadence?.ToWireName());

    public static TaskJson Of(PlanTask t) => new(
        t.No,
        t.Content,
        t.Action,
        Of(t.Deadline),
        new ResponsibilityJson(t.Responsibility.Text, t.Responsibility.Leads, t.Responsibility.Units, t.Responsibility.Groups, t.Responsibility.Regions),
        t.ReportingCadence.ToWireName());
}
