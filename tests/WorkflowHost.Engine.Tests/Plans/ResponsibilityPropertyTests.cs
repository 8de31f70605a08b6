using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>
/// Properties of the responsibility grammar over generated lists (seeded, so a failure repeats; the engine tests do not
/// reference a property-testing package, so the generator is written here).
/// </summary>
public class ResponsibilityPropertyTests
{
    private static readonly string[] Places = ["县", "市", "区", "镇", "乡", "街道", "社区", "园区"];
    private static readonly string[] InnerSeparators = ["、", "和", "及"];
    private static readonly string[] OuterSeparators = ["、", ",", ";", "\uFF0C", "\uFF1B", "和", "及", "以及"];
    private static readonly (string Open, string Close)[] BracketPairs = [("(", ")"), ("\uFF08", "\uFF09"), ("\u3014", "\u3015")];
    private static readonly string[] Prefixes = ["甲园区", "乙园区", "丙开发区", "丁工业园", "戊县", "己镇"];
    private static readonly string[] Suffixes = ["党工委", "管委会", "政府", "人大", "政协", "纪委"];

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 200));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NamesWithSeparatorsInsideBrackets_AreNeverSplit(int seed)
    {
        var random = new Random(seed);
        var groups = Enumerable.Range(0, random.Next(1, 5)).Select(i => BracketedName(random, i)).ToArray();
        var directory = UnitDirectory.Create(
            [DistrictUnitDirectory.Unit("区应急局", 0)],
            groups.Select(name => new UnitGroup(name, [], ["区应急局"], MembershipSource.Document, null)),
            $"seed {seed}");
        var text = "区应急局牵头," + string.Join("", groups.Select((name, i) => (i == 0 ? "" : Pick(random, OuterSeparators)) + name)) + "分工负责";

        var parsed = ResponsibilityParser.Parse(text, directory, false);

        Assert.Equal(groups, parsed.Groups);
        Assert.Equal(["区应急局"], parsed.Units);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ADistributiveName_ExpandsToExactlyTheProductOfItsParts(int seed)
    {
        var random = new Random(seed);
        var prefixes = Prefixes.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
        var suffixes = Suffixes.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).ToArray();
        var product = prefixes.SelectMany(prefix => suffixes.Select(suffix => prefix + suffix)).ToArray();
        var directory = UnitDirectory.Create(product.Select((name, i) => DistrictUnitDirectory.Unit(name, i)), [], $"seed {seed}");

        // 「A、B党工委、管委会」: every prefix but the last alone, the last with the first suffix, then the other suffixes.
        var written = prefixes[..^1].Append(prefixes[^1] + suffixes[0]).Concat(suffixes[1..]);
        var parsed = ResponsibilityParser.Parse(string.Join("、", written) + "分工负责", directory, false);

        Assert.Equal(product, parsed.Units);
    }

    private static string BracketedName(Random random, int index)
    {
        var (open, close) = Pick(random, BracketPairs);
        var inner = Places.OrderBy(_ => random.Next()).Take(random.Next(1, 4));
        return $"各{Places[index % Places.Length]}{index}{open}{string.Join(Pick(random, InnerSeparators), inner)}{close}";
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
