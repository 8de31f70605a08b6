using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Hosting;

/// <summary>Section <c>WorkflowHost</c> of appsettings.json. Relative paths are relative to the product root.</summary>
public sealed class WorkflowHostOptions
{
    public const string Section = "WorkflowHost";

    /// <summary>Where the embedded database, mail pickup folder and uploads live.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Folder with units.json and calendar/.</summary>
    public string SeedData { get; set; } = "seed-data";

    /// <summary>The plan imported at start when the database does not have it yet; empty to import none.</summary>
    public string Plan { get; set; } = "seed-data/plans/2024";

    /// <summary>Folder with the workflow definitions (*.json).</summary>
    public string Workflows { get; set; } = "workflows";

    public DatabaseOptions Database { get; set; } = new();

    public string Resolve(string root, string path) => Path.GetFullPath(Path.Combine(root, path));
}
