using System.Collections.Concurrent;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// The next timer of a chain depends only on the assignment's schedule (definition, due date, cadence, plan year) and
/// the step that fired, and a storm fires the same step for hundreds of thousands of assignments: each answer is
/// computed once. The cache holds one entry per distinct schedule step (hundreds), and is emptied if extensions ever
/// make it grow past <see cref="Capacity"/>.
/// </summary>
public sealed class NextTimerCache(WorkflowRuntime runtime)
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<(string Definition, DateOnly? Due, string Cadence, int Year, string Chain, string Name), PlannedTimer?> _next = new();

    public PlannedTimer? After(WorkflowDefinition definition, DateOnly? dueDate, string reportingCadence, int planYear, PlannedTimer fired)
    {
        var key = (definition.Key, dueDate, reportingCadence, planYear, fired.Chain, fired.Name);
        if (_next.TryGetValue(key, out var known)) return known;
        if (_next.Count >= Capacity) _next.Clear();
        var next = runtime.Planner.Next(runtime.ScheduleOf(definition, dueDate, reportingCadence, planYear), fired);
        _next[key] = next;
        return next;
    }
}
