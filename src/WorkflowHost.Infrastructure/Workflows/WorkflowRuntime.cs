using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>What the engine's parts share: the definitions, the timer planner (over the statutory calendar) and the
/// clock. One per process.</summary>
public sealed class WorkflowRuntime(WorkflowDefinitionCatalog definitions, TimerPlanner planner, TimeProvider clock, EngineOptions options)
{
    public WorkflowDefinitionCatalog Definitions => definitions;
    public TimerPlanner Planner => planner;
    public TimeProvider Clock => clock;
    public EngineOptions Options => options;

    public AssignmentSchedule ScheduleOf(WorkflowDefinition definition, DateOnly? dueDate, string reportingCadence, int planYear) =>
        new(definition, dueDate, CadenceNames.FromWireName(reportingCadence) ?? Cadence.Monthly, planYear);

    public WorkflowDefinition DefinitionOf(AssignmentRow assignment) =>
        definitions.Get(assignment.DefinitionId ?? throw new InvalidOperationException($"assignment {assignment.Id} has no workflow"), assignment.DefinitionVersion);

    public static TimerRow ToRow(long? assignmentId, PlannedTimer timer) => new()
    {
        AssignmentId = assignmentId,
        Name = timer.Name,
        Kind = timer.Kind.ToString(),
        Chain = timer.Chain,
        Period = timer.Period,
        DueAt = UnixTime.Of(timer.At),
        Status = TimerStatus.Pending,
    };

    public static PlannedTimer FromRow(TimerRow row) =>
        new(row.Name, Enum.Parse<StepKind>(row.Kind), UnixTime.ToChinaTime(row.DueAt), row.Chain, row.Period);
}
