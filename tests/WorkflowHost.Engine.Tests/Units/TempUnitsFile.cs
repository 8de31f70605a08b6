namespace WorkflowHost.Engine.Tests.Units;

/// <summary>A units.json written to a fresh temp path, so validation tests load real files (and see the path in messages).</summary>
internal sealed class TempUnitsFile : IDisposable
{
    public TempUnitsFile(string json)
    {
        FilePath = Path.Combine(Path.GetTempPath(), $"units-{Guid.NewGuid():N}.json");
        File.WriteAllText(FilePath, json);
    }

    public string FilePath { get; }

    public void Dispose() => File.Delete(FilePath);
}
