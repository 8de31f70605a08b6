using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Deadlines written inside a task's sentence (「…6月底前完成排查,年底前全部整改到位」) and clauses that read as a deadline
/// (「2025年6月底前」 beside names in a parenthesis). Only phrases ending in 「前」 are taken from a sentence: 「3月开展」
/// says when work starts, not when it is due.
/// </summary>
internal static partial class DeadlinePhrases
{
    private const string Num = ChineseNumerals.Pattern;

    /// <summary>The phrases in order, or empty. Several phrases are milestones, joined with 「、」 for the parser.</summary>
    public static IReadOnlyList<string> InSentence(string sentence)
        => InSentencePattern().Matches(sentence).Select(m => m.Value).ToArray();

    /// <summary>Whether a clause is a deadline rather than names: it is one of the forms the parser reads, by shape.</summary>
    public static bool LooksLikeDeadline(string clause)
    {
        var text = clause.Trim().TrimEnd('。');
        return text == "长期坚持" || ClausePattern().IsMatch(text);
    }

    [GeneratedRegex($"(?:(?:[0-9]{{4}}年)?(?:(?:{Num})月(?:[底末]|(?:{Num})日|[上中下]旬)|年[底末]|[上下]半年|第?(?:{Num})季度末?)前)")]
    private static partial Regex InSentencePattern();

    [GeneratedRegex($"^(?:于|到)?(?:[0-9]{{4}}年)?(?:(?:{Num})月|年[底末]|[上下]半年|第?(?:{Num})季度|全年|年内|每|[0-9]{{4}}年$)")]
    private static partial Regex ClausePattern();
}
