using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>A seed-data folder for the fixture lists of other offices: their test-only unit directory
/// (tests/fixtures/plans/units.json) and the real holiday calendars, passed to the product as WorkflowHost:SeedData.</summary>
public static class FixtureSeed
{
    public static string Lists => Path.Combine(RepoPaths.Root, "tests", "fixtures", "plans");

    public static Dictionary<string, string> Create(TempFolder folder)
    {
        var seed = folder.File("seed-data");
        Directory.CreateDirectory(Path.Combine(seed, "calendar"));
        File.Copy(Path.Combine(Lists, "units.json"), Path.Combine(seed, "units.json"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "seed-data", "calendar")))
            File.Copy(file, Path.Combine(seed, "calendar", Path.GetFileName(file)));
        return new() { ["WorkflowHost__SeedData"] = seed };
    }
}
