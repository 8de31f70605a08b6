namespace WorkflowHost.Engine.Tests;

/// <summary>Locates checked-in files (seed data) from the test output directory, wherever the build put it.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The directory holding WorkflowHost.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string CalendarDirectory => Path.Combine(RepositoryRoot, "seed-data", "calendar");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"WorkflowHost.sln not found in {AppContext.BaseDirectory} or any parent directory");
    }
}
