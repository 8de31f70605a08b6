using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>The numbering styles lists use, outermost first: 「一、」 chapters, 「(一)」 sections, 「1.」 items,
/// 「(1)」 sub-items. A list numbers its tasks in one style; a style above it marks a heading.</summary>
public enum NumberingStyle
{
    Chapter,
    Section,
    Arabic,
    ParenArabic,
}

/// <summary>Recognises a numbered line: its style, the number as written, and the text after the number.</summary>
internal static partial class ListNumbering
{
    public sealed record Numbered(NumberingStyle Style, int No, string Rest);

    public static Numbered? Match(string line)
    {
        Match m;
        if ((m = ArabicItem().Match(line)).Success) return Of(NumberingStyle.Arabic, m);
        if ((m = ParenArabicItem().Match(line)).Success) return Of(NumberingStyle.ParenArabic, m);
        if ((m = SectionItem().Match(line)).Success) return Of(NumberingStyle.Section, m);
        if ((m = ChapterItem().Match(line)).Success) return Of(NumberingStyle.Chapter, m);
        return null;
    }

    private static Numbered? Of(NumberingStyle style, Match m)
        => ChineseNumerals.TryRead(m.Groups["no"].Value, out var no) ? new(style, no, m.Groups["rest"].Value.Trim()) : null;

    [GeneratedRegex(@"^(?<no>\d{1,3})\s*[.．、]\s*(?<rest>.+)$")]
    private static partial Regex ArabicItem();

    [GeneratedRegex(@"^[((](?<no>\d{1,3})[))]\s*(?<rest>.+)$")]
    private static partial Regex ParenArabicItem();

    [GeneratedRegex(@"^[((〔](?<no>[一二三四五六七八九十]{1,3})[))〕]\s*(?<rest>.+)$")]
    private static partial Regex SectionItem();

    [GeneratedRegex(@"^(?<no>[一二三四五六七八九十]{1,3})、\s*(?<rest>.+)$")]
    private static partial Regex ChapterItem();
}
