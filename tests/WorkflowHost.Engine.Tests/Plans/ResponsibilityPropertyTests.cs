using CsCheck;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>
/// Properties of the responsibility grammar over generated lists (CsCheck: a failure shrinks to a small case and prints
/// the seed that repeats it): names with separators inside their brackets are never split, and a distributive name
/// expands to exactly the product of its prefixes and suffixes.
/// </summary>
public class ResponsibilityPropertyTests
{
    private static readonly string[] Places = ["县", "市", "区", "镇", "乡", "街道", "社区", "园区"];
    private static readonly string[] InnerSeparators = ["、", "和", "及", ",", ";"];
    private static readonly string[] OuterSeparators = ["、", ",", ";", "\uFF0C", "\uFF1B", "和", "及", "以及"];
    private static readonly (string Open, string Close)[] BracketPairs = [("(", ")"), ("\uFF08", "\uFF09"), ("\u3014", "\u3015")];
    private static readonly string[] Prefixes = ["甲园区", "乙园区", "丙开发区", "丁工业园", "戊县", "己镇"];
    private static readonly string[] Suffixes = ["党工委", "管委会", "政府", "人大", "政协", "纪委"];

    /// <summary>「各区3(镇、街道)」: a group name whose bracket holds separators; the index keeps the names apart.</summary>
    private static Gen<string> BracketedName(int index) =>
        Gen.Select(Gen.OneOf(BracketPairs), Gen.Shuffle(Places, 1, 4), Gen.OneOf(InnerSeparators),
            (pair, inner, separator) => $"各{Places[index % Places.Length]}{index}{pair.Open}{string.Join(separator, inner)}{pair.Close}");

    private static readonly Gen<(string[] Groups, string[] Separators)> BracketedLists =
        Gen.Int[1, 5].SelectMany(count => Gen.Select(
            Enumerable.Range(0, count).Select(BracketedName).Aggregate(Gen.Const(Array.Empty<string>()), (list, name) => list.SelectMany(l => name.Select(n => (string[])[.. l, n]))),
            Gen.OneOf(OuterSeparators).Array[count]));

    [Fact]
    public void Names_with_separators_inside_brackets_are_never_split()
    {
        BracketedLists.Sample(list =>
        {
            var directory = UnitDirectory.Create(
                [DistrictUnitDirectory.Unit("区应急局", 0)],
                list.Groups.Select(name => new UnitGroup(name, [], ["区应急局"], MembershipSource.Document, null)),
                "generated");
            var text = "区应急局牵头," + string.Concat(list.Groups.Select((name, i) => (i == 0 ? "" : list.Separators[i]) + name)) + "分工负责";

            var parsed = ResponsibilityParser.Parse(text, directory, false);

            Assert.Equal(list.Groups, parsed.Groups);
            Assert.Equal(["区应急局"], parsed.Units);
        }, iter: 1_000);
    }

    [Fact]
    public void A_distributive_name_expands_to_exactly_the_product_of_its_parts()
    {
        Gen.Select(Gen.Shuffle(Prefixes, 1, 3), Gen.Shuffle(Suffixes, 2, 4)).Sample(parts =>
        {
            var (prefixes, suffixes) = parts;
            var product = prefixes.SelectMany(prefix => suffixes.Select(suffix => prefix + suffix)).ToArray();
            var directory = UnitDirectory.Create(product.Select((name, i) => DistrictUnitDirectory.Unit(name, i)), [], "generated");

            // 「A、B党工委、管委会」: every prefix but the last alone, the last with the first suffix, then the other suffixes.
            var written = prefixes[..^1].Append(prefixes[^1] + suffixes[0]).Concat(suffixes[1..]);
            var parsed = ResponsibilityParser.Parse(string.Join("、", written) + "分工负责", directory, false);

            Assert.Equal(product, parsed.Units);
        }, iter: 1_000);
    }
}
