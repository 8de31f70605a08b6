using Mediator;
using WorkflowHost.Infrastructure.Workflows.Commands;

namespace WorkflowHost.Infrastructure.Simulation;

/// <summary>An action a simulated person takes at a given time; when it succeeds, <paramref name="Then"/> plans what
/// follows from it and from its result (the working group reviewing an application; the 县区 a city handed work to).</summary>
public sealed record SimulatedAction(
    DateTimeOffset At,
    string Description,
    Func<IMediator, ValueTask<CommandResult>> Run,
    Func<DateTimeOffset, CommandResult, IEnumerable<SimulatedAction>>? Then = null);

/// <summary>Who does what during a simulation. A profile plans actions up front from the assignments; an action may
/// plan more once it has succeeded.</summary>
public interface ISimulationProfile
{
    string Name { get; }

    IEnumerable<SimulatedAction> Plan(IReadOnlyList<SimulatedAssignment> assignments, DateTimeOffset from, DateTimeOffset to);
}

/// <summary>What a profile knows of an assignment when planning: its parent's unit (who reviews it), whether shares lie
/// below it, and the unit's sub-units it may hand the work down to.</summary>
public sealed record SimulatedAssignment(long Id, long UnitId, string Unit, int TaskNo, DateOnly? DueDate, IReadOnlyList<(string Key, DateOnly DueDate)> ReportPeriods,
    (long UnitId, string Unit)? ParentUnit = null, bool HasChildren = false, IReadOnlyList<(long Id, string Name)>? SubUnits = null);

/// <summary>No unit ever acts: shows exactly the reminders, 催报 and escalations the rules produce.</summary>
public sealed class IdleProfile : ISimulationProfile
{
    public string Name => "idle";

    public IEnumerable<SimulatedAction> Plan(IReadOnlyList<SimulatedAssignment> assignments, DateTimeOffset from, DateTimeOffset to) => [];
}
