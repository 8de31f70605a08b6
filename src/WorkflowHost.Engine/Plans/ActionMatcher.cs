namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Finds the action (八大行动) an annex task belongs to. The annex does not say; the body does, because most annex
/// tasks restate (parts of) a body item that stands under an action heading. A task belongs to the action of the body
/// item that contains most of its wording; organisational tasks (印发方案, 召开动员会 …) match none and get no action.
/// </summary>
public static class ActionMatcher
{
    /// <summary>Share of the task's character pairs that must recur in one body item. In the 2024 plan restated
    /// tasks score 0.50–1.00 against their item (task 11, a one-line summary of item 9, is the lowest), while tasks the
    /// body does not restate score at most 0.30 against any item.</summary>
    public const double Threshold = 0.5;

    public static string? FindAction(string content, IReadOnlyList<PlanTextParser.BodyItem> bodyItems)
    {
        // A list without a body (its own headings, or none) has nothing to match against.
        if (bodyItems.Count == 0) return null;
        var best = bodyItems
            .Select(item => (item.Action, Score: Score(content, item.Text)))
            .MaxBy(candidate => candidate.Score);
        return best.Score >= Threshold ? best.Action : null;
    }

    /// <summary>The share of <paramref name="content"/>'s character pairs that also occur in <paramref name="bodyText"/>.</summary>
    public static double Score(string content, string bodyText)
    {
        var taskPairs = CharacterPairs(content);
        var itemPairs = CharacterPairs(bodyText);
        return taskPairs.Count == 0 ? 0 : (double)taskPairs.Count(itemPairs.Contains) / taskPairs.Count;
    }

    private static HashSet<string> CharacterPairs(string text)
    {
        var letters = text.Where(c => !char.IsPunctuation(c) && !char.IsWhiteSpace(c) && !char.IsSymbol(c)).ToArray();
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < letters.Length; i++) pairs.Add(new string(letters, i, 2));
        return pairs;
    }
}
