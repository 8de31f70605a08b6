using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.DataSets;

/// <summary>
/// The national-scale data set: a generated directory of units (某省某市某县应急局-00001 …) and the real 43 tasks of the
/// 2024 plan, each carried by every unit — 43 × 23,000 ≈ 1,000,000 assignments at full size. Deadlines, cadences and
/// workflows are the real ones, so 19 tasks share 12月底前 and their timers come due at the same instants.
/// </summary>
public static class SyntheticPlan
{
    public static UnitDirectory Directory(int units) => UnitDirectory.Create(
        Enumerable.Range(1, units).Select(i => new OrgUnit(UnitName(i), null, [], UnitKind.Region, $"unit-{i:D6}@bench.example", false)),
        [], "synthetic directory");

    public static string UnitName(int i) => $"某省某市某县应急局-{i:D5}";

    /// <summary>The real plan with every task's responsibility replaced by all the directory's units (the first leads).</summary>
    public static Plan For(Plan real, UnitDirectory directory)
    {
        var names = directory.Units.Select(u => u.Name).ToArray();
        return real with
        {
            Tasks = real.Tasks.Select(t => t with { Responsibility = new Responsibility(t.Responsibility.Text, [names[0]], names, [], false) }).ToList(),
            SourceHash = $"{real.SourceHash}:bench:{names.Length}",
        };
    }
}
