namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Names that share a prefix or a suffix, written once: 「各县区党委、政府」 = 各县区党委 + 各县区政府;
/// 「A、B党工委、管委会」 = A党工委, A管委会, B党工委, B管委会 (every prefix with every suffix, prefix by prefix).
/// Rule, so that the parser only expands when it can tell: a name the directory does not know (「政府」) is a suffix when
/// the name before it splits as B + S1 with B + 政府 known; the unknown names after it that also give a known name after B
/// are further suffixes; the unknown names before B that give a known name before S1 are further prefixes. The run is
/// expanded only when every prefix + suffix is in the directory; otherwise it is left as written and the unknown name
/// is reported. Names the directory knows are never touched, so a list without distributive names reads as before.
/// </summary>
internal static class DistributiveNames
{
    public static List<string> Expand(IReadOnlyList<string> names, Func<string, bool> known)
    {
        var result = new List<string>(names);
        for (var k = 1; k < result.Count; k++)
        {
            if (known(result[k]) || Split(result[k - 1], result[k], known) is not { } split)
            {
                continue;
            }

            var (shared, firstSuffix) = split;

            var suffixes = new List<string> { firstSuffix, result[k] };
            var end = k + 1;
            while (end < result.Count && !known(result[end]) && known(shared + result[end]))
            {
                suffixes.Add(result[end++]);
            }

            var prefixes = new List<string> { shared };
            var start = k - 1;
            while (start > 0 && !known(result[start - 1]) && known(result[start - 1] + firstSuffix))
            {
                prefixes.Insert(0, result[--start]);
            }

            var product = prefixes.SelectMany(prefix => suffixes.Select(suffix => prefix + suffix)).ToList();
            if (!product.All(known))
            {
                continue;
            }

            result.RemoveRange(start, end - start);
            result.InsertRange(start, product);
            k = start + product.Count - 1;
        }

        return result;
    }

    // The longest shared part first: 「各县区党委」 before 「政府」 splits as 各县区 + 党委, not 各县 + 区党委.
    private static (string Shared, string Suffix)? Split(string previous, string suffix, Func<string, bool> known)
    {
        for (var cut = previous.Length - 1; cut > 0; cut--)
        {
            if (known(previous[..cut] + suffix))
            {
                return (previous[..cut], previous[cut..]);
            }
        }

        return null;
    }
}
