using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// The directory names (units and groups, with full names and aliases) nearest to a name the directory does not know,
/// so a clerk fixing a list sees 「市应急局」 beside 「市应急管理局」. Nearness is the edit distance over characters,
/// after one bracket width; a name is suggested only within half the unknown name's length, so a short name never
/// drags in the whole directory. A different first character costs two more: names begin with their level (省, 市, 区,
/// 县, 各), and 「区应急管理局」 is far likelier 区应急局 than 市应急管理局.
/// </summary>
public static class NameSuggestions
{
    public const int Max = 3;

    public static IReadOnlyList<string> For(string unknown, UnitDirectory directory)
    {
        var target = Brackets.Spellings(unknown).Last();
        var limit = Math.Max(1, (target.Length + 1) / 2);
        return directory.Units.SelectMany(unit => unit.Names())
            .Concat(directory.Groups.SelectMany(group => group.Names()))
            .Distinct(StringComparer.Ordinal)
            .Select((name, order) => (name, order, distance: Score(target, Brackets.Spellings(name).Last(), limit)))
            .Where(candidate => candidate.distance <= limit)
            .OrderBy(candidate => candidate.distance)
            .ThenBy(candidate => candidate.order)
            .Take(Max)
            .Select(candidate => candidate.name)
            .ToArray();
    }

    private const int OtherLevel = 2;

    private static int Score(string unknown, string name, int limit)
        => unknown.Length > 0 && name.Length > 0 && unknown[0] != name[0]
            ? Distance(unknown, name, limit) + OtherLevel
            : Distance(unknown, name, limit);

    /// <summary>Levenshtein distance, stopping early (returning limit + 1) once it cannot be within the limit.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return limit + 1;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
