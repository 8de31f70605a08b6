using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>The invented lists of other offices under tests/fixtures/plans, read as the loader reads a .txt list, and
/// their test-only unit directory.</summary>
internal static class FixtureLists
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "plans");

    public static UnitDirectory Directory { get; } = UnitDirectory.Load(Path.Combine(Folder, "units.json"));

    public static PlanMetadata Metadata(int year, string? annexTitle = null, string? defaultDeadline = null) =>
        new(new PlanInfo(year, "测试清单", "测试单位", new DateOnly(year, 1, 1)), "plan.txt", Cadence.Monthly, new Dictionary<int, Cadence>())
        {
            AnnexTitle = annexTitle,
            DefaultDeadline = defaultDeadline,
        };

    /// <summary>Parses text and builds the plan against the fixture directory; the problems if it is invalid.</summary>
    public static (Plan? Plan, IReadOnlyList<PlanProblem> Problems) Read(string text, PlanMetadata metadata, UnitDirectory? directory = null)
    {
        var parsed = PlanTextParser.Parse(text, "list.txt", metadata.AnnexTitle);
        try
        {
            return (PlanBuilder.Build(metadata, parsed.Tasks, directory ?? Directory, "list.txt", "hash", parsed.Problems), []);
        }
        catch (PlanInvalidException e)
        {
            return (null, e.Problems);
        }
    }

    public static Plan ReadFolder(string name, string? defaultDeadline, string? annexTitle = null)
    {
        var (plan, problems) = Read(File.ReadAllText(Path.Combine(Folder, name, "plan.txt")), Metadata(2025, annexTitle, defaultDeadline));
        Assert.True(plan is not null, string.Join(Environment.NewLine, problems));
        return plan!;
    }
}
