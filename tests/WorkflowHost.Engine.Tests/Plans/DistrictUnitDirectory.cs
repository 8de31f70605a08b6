using WorkflowHost.Engine.Tests.Units;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>
/// The seed directory plus the names a district's or county's list uses (bracketed groups, 区 units, distributive bodies),
/// so the grammar of other offices' lists is tested against a directory that really holds those names.
/// </summary>
internal static class DistrictUnitDirectory
{
    public const string Counties = "各县(市、区)";
    public const string Towns = "各镇\uFF08街道\uFF09";

    public static UnitDirectory Instance { get; } = Build();

    public static OrgUnit Unit(string name, int number, params string[] aliases)
        => new(name, null, aliases, UnitKind.Office, $"district{number}@district.example", false);

    private static UnitDirectory Build()
    {
        var seed = SeedUnitDirectory.Instance;
        string[] extra = ["区安委办", "区应急局", "区公安分局", "区住建局", "区交通局", "各县区党委", "各县区政府", "甲园区党工委", "甲园区管委会", "乙园区党工委", "乙园区管委会", "区退役军人和老干部局"];
        var units = seed.Units.Concat(extra.Select((name, i) => Unit(name, i))).ToArray();
        var groups = seed.Groups.Concat(
        [
            new UnitGroup(Counties, [], ["区应急局"], MembershipSource.Document, null),
            new UnitGroup(Towns, [], ["区公安分局"], MembershipSource.Document, null),
        ]);
        return UnitDirectory.Create(units, groups, "district test directory");
    }
}
