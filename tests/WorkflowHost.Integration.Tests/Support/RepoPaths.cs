namespace WorkflowHost.Integration.Tests.Support;

public static class RepoPaths
{
    /// <summary>The repository root: the first folder above the test binaries that holds WorkflowHost.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PlanFolder => Path.Combine(Root, "seed-data", "plans", "2024");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return dir.FullName;
        throw new InvalidOperationException("WorkflowHost.sln not found above " + AppContext.BaseDirectory);
    }
}
