namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>A fresh folder of definition files, so validation tests load real files and see their paths in messages.</summary>
internal sealed class TempWorkflowFolder : IDisposable
{
    public TempWorkflowFolder()
    {
        FolderPath = Path.Combine(Path.GetTempPath(), $"workflows-{Guid.NewGuid():N}");
        new DirectoryInfo(FolderPath).Create();
    }

    public string FolderPath { get; }

    /// <returns>The full path of the written file.</returns>
    public string Write(string fileName, string text)
    {
        var path = Path.Combine(FolderPath, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => new DirectoryInfo(FolderPath).Delete(recursive: true);
}
