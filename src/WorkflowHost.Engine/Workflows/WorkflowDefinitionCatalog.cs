using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Every version of every workflow definition. Old versions stay loaded because running assignments keep the version
/// they started with; new assignments take the latest one for their deadline kind.
/// </summary>
public sealed class WorkflowDefinitionCatalog
{
    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _byKey;

    private WorkflowDefinitionCatalog(IReadOnlyList<(WorkflowDefinition Definition, string Origin)> entries)
    {
        _byKey = [];
        var originOf = new Dictionary<(string, int), string>();
        var idForKind = new Dictionary<string, (string Id, string Origin)>();
        foreach (var (definition, origin) in entries)
        {
            var key = (definition.Id, definition.Version);
            if (!_byKey.TryAdd(key, definition))
                throw new WorkflowDefinitionException(
                    $"{origin}: duplicate workflow {definition.Id} version {definition.Version}: it is already defined in {originOf[key]}");
            originOf[key] = origin;

            // LatestFor(kind) must have one answer; two workflows for the same kind would make it depend on naming.
            if (idForKind.TryGetValue(definition.AppliesTo, out var other) && other.Id != definition.Id)
                throw new WorkflowDefinitionException(
                    $"{origin}: workflow '{definition.Id}' applies to '{definition.AppliesTo}' tasks, " +
                    $"but so does '{other.Id}' ({other.Origin}); only one workflow may serve each kind");
            idForKind.TryAdd(definition.AppliesTo, (definition.Id, origin));
        }

        All = _byKey.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).ToList().AsReadOnly();
        States = new StateVocabulary(All);
    }

    /// <summary>What each state name means, across every loaded definition.</summary>
    public StateVocabulary States { get; }

    /// <summary>
    /// Loads every <c>*.json</c> file in <paramref name="directory"/> (README.md and other files are ignored).
    /// Each file must be named <c>{id}.v{version}.json</c> after the definition it holds.
    /// </summary>
    /// <exception cref="WorkflowDefinitionException">The folder is missing or empty, or a file is invalid; the message starts with the path.</exception>
    public static WorkflowDefinitionCatalog Load(string directory)
    {
        // DirectoryInfo rather than Directory: inside WorkflowHost.Engine a namespace could shadow System.IO.Directory.
        var folder = new DirectoryInfo(directory);
        if (!folder.Exists)
            throw new WorkflowDefinitionException($"{directory}: the workflow definition folder does not exist");
        var files = folder.GetFiles("*.json").Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new WorkflowDefinitionException($"{directory}: no workflow definition files (*.json)");

        var entries = files.Select(path => (WorkflowDefinitionFile.Read(path), path)).ToList();
        var catalog = new WorkflowDefinitionCatalog(entries);

        // Checked after duplicates so that a copied file left with its old id and version is reported as the duplicate it is.
        foreach (var (definition, path) in entries)
        {
            var expected = $"{definition.Key}.json";
            if (Path.GetFileName(path) != expected)
                throw new WorkflowDefinitionException(
                    $"{path}: the file name does not match the definition: id '{definition.Id}' version {definition.Version} belongs in {expected}");
        }
        return catalog;
    }

    /// <summary>A catalog of definitions built in code (tests, tools); each is checked as if it had been read from a file.</summary>
    public static WorkflowDefinitionCatalog From(IEnumerable<WorkflowDefinition> definitions)
    {
        var entries = new List<(WorkflowDefinition, string)>();
        foreach (var definition in definitions)
        {
            var origin = $"(in code) {definition.Key}";
            var problems = WorkflowDefinitionRules.FindProblems(definition);
            if (problems.Count > 0)
                throw new WorkflowDefinitionException($"{origin}: {string.Join("; ", problems)}");
            entries.Add((definition, origin));
        }
        return new WorkflowDefinitionCatalog(entries);
    }

    /// <summary>Every loaded definition, by id, then version.</summary>
    public IReadOnlyList<WorkflowDefinition> All { get; }

    /// <exception cref="KeyNotFoundException">No such id and version.</exception>
    public WorkflowDefinition Get(string id, int version) =>
        _byKey.TryGetValue((id, version), out var definition)
            ? definition
            : throw new KeyNotFoundException($"no workflow definition {id} version {version}; loaded: {Loaded()}");

    /// <summary>The highest version of <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No definition has that id.</exception>
    public WorkflowDefinition Latest(string id) =>
        All.LastOrDefault(d => d.Id == id)
        ?? throw new KeyNotFoundException($"no workflow definition '{id}'; loaded: {Loaded()}");

    /// <summary>The highest version of the workflow that serves tasks of <paramref name="kind"/>.</summary>
    /// <exception cref="KeyNotFoundException">No definition applies to that kind.</exception>
    public WorkflowDefinition LatestFor(DeadlineKind kind) =>
        All.LastOrDefault(d => d.Kind == kind)
        ?? throw new KeyNotFoundException($"no workflow definition applies to {kind} tasks; loaded: {Loaded()}");

    private string Loaded() => All.Count == 0 ? "none" : string.Join(", ", All.Select(d => d.Key));
}
