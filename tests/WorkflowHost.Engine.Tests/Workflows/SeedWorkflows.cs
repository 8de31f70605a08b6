using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>The shipped definitions in the repository's workflows/ folder, loaded once for all workflow tests.</summary>
internal static class SeedWorkflows
{
    private static readonly Lazy<WorkflowDefinitionCatalog> Loaded = new(() => WorkflowDefinitionCatalog.Load(FolderPath));

    public static string FolderPath => Path.Combine(TestPaths.RepoRoot, "workflows");

    public static WorkflowDefinitionCatalog Catalog => Loaded.Value;

    public static WorkflowDefinition Dated => Catalog.Get("dated-task", 1);

    public static WorkflowDefinition Ongoing => Catalog.Get("ongoing-task", 1);

    /// <summary>An instant in China time, written as in the requirements: "2024-03-01 09:00".</summary>
    public static DateTimeOffset China(string localDateTime) =>
        DateTimeOffset.ParseExact($"{localDateTime} +08:00", "yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);
}
