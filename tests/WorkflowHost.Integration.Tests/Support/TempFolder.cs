namespace WorkflowHost.Integration.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("workflowhost-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies the real 2024 plan folder here so a test can damage its copy.</summary>
    public string CopyOfPlan2024()
    {
        var target = System.IO.Path.Combine(Path, "plan-2024");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(RepoPaths.PlanFolder))
            System.IO.File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a crashed child process may still hold a file; the OS temp cleaner will get it */ }
    }
}
