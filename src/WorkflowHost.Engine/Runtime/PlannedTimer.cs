using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Runtime;

/// <summary>The chains of timers an assignment runs. Each chain has at most one pending timer: when it fires, the
/// next one of the same chain is planned (so a million assignments hold about two million rows, not forty million).</summary>
public static class TimerChain
{
    public const string Deadline = "deadline";
    public const string Report = "report";
    public const string YearEnd = "year-end";
}

/// <summary>A timer to persist. <paramref name="Name"/> is unique per assignment and says which step of which
/// schedule it is (<c>letter@2024-02-29</c>, <c>report-missed:2024-03</c>), so planning the same step twice is
/// recognised by the database.</summary>
public sealed record PlannedTimer(string Name, StepKind Kind, DateTimeOffset At, string Chain, string? Period = null);

/// <summary>What an assignment's schedules depend on.</summary>
public sealed record AssignmentSchedule(WorkflowDefinition Definition, DateOnly? DueDate, Plans.Cadence ReportingCadence, int PlanYear);
