namespace WorkflowHost.Engine.Tests;

/// <summary>Paths the tests need, found from the test binary so they hold from any working directory.</summary>
public static class TestPaths
{
    /// <summary>The folder that holds WorkflowHost.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    // DirectoryInfo/File rather than Directory.*: the simple name Directory is easily shadowed by a namespace.
    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "WorkflowHost.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no WorkflowHost.sln in {AppContext.BaseDirectory} or any folder above it");
    }
}
