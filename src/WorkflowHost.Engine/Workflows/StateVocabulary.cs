namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Every state of every loaded definition with its role and title, for code that sees a state's name in a row (the
/// board, the digest, the ledger) and must know what it means. A name means the same in every definition that uses
/// it, which the catalog checks at load, so the answer never depends on an assignment's version.
/// </summary>
public sealed class StateVocabulary
{
    private readonly Dictionary<string, WorkflowState> _byName = [];

    public StateVocabulary(IEnumerable<WorkflowDefinition> definitions)
    {
        foreach (var definition in definitions)
            foreach (var state in definition.States)
            {
                if (_byName.TryGetValue(state.Name, out var known) && known.Role != state.Role)
                    throw new WorkflowDefinitionException(
                        $"{definition.Key}: state '{state.Name}' has the role {state.Role}, but another definition gives it {known.Role}; a state name means one thing");
                _byName.TryAdd(state.Name, state);
            }
        All = _byName.Values.ToList().AsReadOnly();
    }

    /// <summary>Every state, in the order the definitions declare them (for filters and legends).</summary>
    public IReadOnlyList<WorkflowState> All { get; }

    /// <summary>The role of a state; a name no definition declares counts as <see cref="StateRole.Working"/>.</summary>
    public StateRole RoleOf(string state) => _byName.TryGetValue(state, out var s) ? s.Role : StateRole.Working;

    /// <summary>What people call the state (推进中); the name itself when unknown.</summary>
    public string TitleOf(string state) => _byName.TryGetValue(state, out var s) ? s.Title : state;

    /// <summary>The names of the states with any of <paramref name="roles"/>, for queries (<c>state IN (…)</c>).</summary>
    public IReadOnlyList<string> Named(params StateRole[] roles) => All.Where(s => roles.Contains(s.Role)).Select(s => s.Name).ToList();

    /// <summary>The one overdue rule: not closed, and past its due date or in the overdue state. The board's SQL asks
    /// the same with <see cref="Named"/> (kept equal by a test).</summary>
    public bool IsOverdue(string state, bool pastDue) => RoleOf(state).IsOverdue(pastDue);
}
