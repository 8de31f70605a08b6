using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Units;

/// <summary>The real seed-data/units.json, loaded once: tests check the data we ship, not a copy.</summary>
internal static class SeedUnitDirectory
{
    public static string FilePath { get; } = Path.Combine(TestPaths.RepoRoot, "seed-data", "units.json");

    public static UnitDirectory Instance { get; } = UnitDirectory.Load(FilePath);
}
