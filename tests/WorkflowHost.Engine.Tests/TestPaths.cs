namespace WorkflowHost.Engine.Tests;

/// <summary>Locates checked-in files (seed data) from the test output directory, wherever the build put it.</summary>
public static class TestPaths
{
    /// <summary>The folder that holds WorkflowHost.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string CalendarDirectory => Path.Combine(RepoRoot, "seed-data", "calendar");

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "WorkflowHost.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no WorkflowHost.sln in {AppContext.BaseDirectory} or any folder above it");
    }
}
