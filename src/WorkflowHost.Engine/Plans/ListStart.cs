using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Where a document's task list begins. In order: the heading plan.json names (<c>annexTitle</c>, with or without
/// 「附件:」 before it); an annex heading 「附件:…任务清单」 (the 2024 form); the first unnumbered line that names a
/// list (「…工作要点」, 「…任务分工方案」, 「…任务清单」 …); else the whole text is the list.
/// </summary>
internal static partial class ListStart
{
    public enum Kind
    {
        /// <summary>After a heading: what comes before it is the document's body.</summary>
        Heading,

        /// <summary>No heading found: the whole text is read as the list.</summary>
        Whole,

        /// <summary>plan.json names a heading the text does not have, and no other list heading is there: reading the
        /// whole document would take its body for tasks, so nothing is read.</summary>
        None,
    }

    /// <summary>The index of the first line of the list, and how it was found.</summary>
    public static (int From, Kind Kind) Find(string[] lines, string? annexTitle, string sourceName, List<PlanProblem> problems)
    {
        if (!string.IsNullOrWhiteSpace(annexTitle))
        {
            var wanted = Squash(annexTitle);
            var at = Array.FindIndex(lines, line => Squash(AnnexPrefix().Replace(line.Trim(), "")) == wanted);
            if (at >= 0) return (at + 1, Kind.Heading);
            problems.Add(new(sourceName, null, null, "annex",
                $"找不到 plan.json 的 annexTitle 所写的清单标题「{annexTitle}」"));
        }

        var annex = Array.FindIndex(lines, line => AnnexHeading().IsMatch(line.Trim()));
        if (annex >= 0) return (annex + 1, Kind.Heading);

        var title = Array.FindIndex(lines, IsListTitle);
        if (title >= 0) return (title + 1, Kind.Heading);
        return string.IsNullOrWhiteSpace(annexTitle) ? (0, Kind.Whole) : (lines.Length, Kind.None);
    }

    private static bool IsListTitle(string line)
    {
        var text = line.Trim();
        return text.Length is > 0 and <= 60 && ListNumbering.Match(text) is null && !text.EndsWith('。') && ListTitle().IsMatch(text);
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"^附件\s*[0-9一二三四五六七八九十]*\s*[::]?\s*")]
    private static partial Regex AnnexPrefix();

    [GeneratedRegex(@"^附件\s*[0-9]*\s*[::]?\s*.*任务清单\s*$")]
    private static partial Regex AnnexHeading();

    [GeneratedRegex(@"(任务清单|工作要点|任务分工|任务分解|责任分工|重点任务|工作任务)[^,,。]{0,12}$")]
    private static partial Regex ListTitle();
}
