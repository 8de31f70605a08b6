using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// How a workflow starts for an assignment of a task: the latest definition for its kind of deadline, its initial
/// state, and the first timer of each chain. It depends only on the task (and the clock), so a task with 23,000
/// responsible units computes it once.
/// </summary>
public sealed record WorkflowStart(WorkflowDefinition Definition, DateOnly? DueDate, IReadOnlyList<PlannedTimer> Timers, string JournalData)
{
    public static WorkflowStart For(WorkflowRuntime runtime, string deadlineKind, DateOnly? dueDate, string reportingCadence, int planYear, DateTimeOffset now)
    {
        var definition = runtime.Definitions.LatestFor(deadlineKind == "due" ? DeadlineKind.Due : DeadlineKind.Ongoing);
        var schedule = runtime.ScheduleOf(definition, dueDate, reportingCadence, planYear);
        return new WorkflowStart(definition, dueDate, runtime.Planner.Start(schedule, now), $"{{\"definition\":\"{definition.Key}\"}}");
    }
}
