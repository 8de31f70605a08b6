using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Reads a plan document in the form the province publishes it: a body whose section 「三、重点任务」 groups
/// numbered items under the actions 「(一)…行动」, and an annex 「附件:YYYY年重点工作任务清单」 whose numbered lines
/// each end in 「(responsibility;deadline)」. Text is kept verbatim; only the split into fields is derived.
/// </summary>
public static partial class PlanTextParser
{
    public sealed record Result(IReadOnlyList<RawPlanTask> Tasks, IReadOnlyList<BodyItem> BodyItems, IReadOnlyList<PlanProblem> Problems);

    /// <summary>A numbered item of the body and the action heading it stands under.</summary>
    public sealed record BodyItem(int No, string Text, string Action);

    public static Result Parse(string text, string sourceName)
    {
        var problems = new List<PlanProblem>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');

        var annexStart = Array.FindIndex(lines, l => AnnexHeading().IsMatch(l.Trim()));
        if (annexStart < 0)
        {
            problems.Add(new(sourceName, null, null, "annex", "no annex heading found (expected a line like 「附件:2024年重点工作任务清单」)"));
            return new([], [], problems);
        }

        var bodyItems = ReadBody(lines.AsSpan(0, annexStart));
        var tasks = ReadAnnex(lines, annexStart + 1, sourceName, problems);
        var withActions = tasks.Select(t => t with { Action = ActionMatcher.FindAction(t.Content, bodyItems) }).ToList();
        return new(withActions, bodyItems, problems);
    }

    private static List<BodyItem> ReadBody(ReadOnlySpan<string> lines)
    {
        var items = new List<BodyItem>();
        var inTasks = false;
        string? action = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (SectionHeading().Match(line) is { Success: true } section)
            {
                // Only section 三、重点任务 holds the actions; 四、保障措施 and others reuse the (一)… numbering.
                inTasks = section.Groups["title"].Value.StartsWith("重点任务", StringComparison.Ordinal);
                action = null;
                continue;
            }
            if (!inTasks) continue;
            if (ActionHeading().Match(line) is { Success: true } heading)
            {
                action = heading.Groups["title"].Value.Trim();
                continue;
            }
            if (action is not null && NumberedLine().Match(line) is { Success: true } item)
                items.Add(new BodyItem(int.Parse(item.Groups["no"].Value), item.Groups["rest"].Value, action));
        }
        return items;
    }

    private static List<RawPlanTask> ReadAnnex(string[] lines, int from, string sourceName, List<PlanProblem> problems)
    {
        var tasks = new List<RawPlanTask>();
        for (var i = from; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var lineNo = i + 1;
            var match = NumberedLine().Match(line);
            if (!match.Success)
            {
                // Anything after the list (a footer) ends it; text before the first task is an error.
                if (tasks.Count > 0) break;
                problems.Add(new(sourceName, lineNo, null, "line", $"expected a numbered task such as 「1.…(牵头单位;2月底前完成)」, found 「{Shorten(line)}」"));
                continue;
            }
            var no = int.Parse(match.Groups["no"].Value);
            var task = SplitTaskLine(no, match.Groups["rest"].Value, lineNo, sourceName, problems);
            if (task is not null) tasks.Add(task);
        }

        if (tasks.Count == 0 && problems.Count == 0)
            problems.Add(new(sourceName, null, null, "annex", "the annex lists no tasks"));
        PlanNumbering.Check(tasks, sourceName, problems);
        return tasks;
    }

    /// <summary>Splits 「content(responsibility;deadline)」 at the last balanced parenthesis of the line.</summary>
    private static RawPlanTask? SplitTaskLine(int no, string rest, int lineNo, string sourceName, List<PlanProblem> problems)
    {
        var open = FindTrailingParenthesis(rest);
        if (open < 0)
        {
            problems.Add(new(sourceName, lineNo, no, "responsibility", "the task does not end with 「(责任单位;完成时限)」"));
            return null;
        }
        var content = rest[..open].Trim();
        var inner = rest[(open + 1)..^1];
        var split = inner.LastIndexOfAny([';', ';']);
        if (split < 0)
        {
            problems.Add(new(sourceName, lineNo, no, "deadline", $"the parenthesis 「{Shorten(inner)}」 has no 「;」 between the responsible units and the deadline"));
            return null;
        }
        var responsibility = inner[..split].Trim();
        var deadline = inner[(split + 1)..].Trim();
        if (content.Length == 0) problems.Add(new(sourceName, lineNo, no, "content", "the task has no content"));
        if (responsibility.Length == 0) problems.Add(new(sourceName, lineNo, no, "responsibility", "no responsible unit is named"));
        if (deadline.Length == 0) problems.Add(new(sourceName, lineNo, no, "deadline", "no deadline is given"));
        return new RawPlanTask(no, content, responsibility, deadline, null, lineNo);
    }

    /// <summary>Index of the parenthesis that opens the group closing the line, or -1. Content may hold its own
    /// parentheses (「矿山(含尾矿库)」), so the group is found by balancing from the end.</summary>
    private static int FindTrailingParenthesis(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.Length == 0 || trimmed[^1] is not (')' or ')')) return -1;
        var depth = 0;
        for (var i = trimmed.Length - 1; i >= 0; i--)
        {
            switch (trimmed[i])
            {
                case ')' or ')': depth++; break;
                case '(' or '(':
                    if (--depth == 0) return i;
                    break;
            }
        }
        return -1;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^附件\s*[::]?\s*.*任务清单\s*$")]
    private static partial Regex AnnexHeading();

    [GeneratedRegex(@"^[一二三四五六七八九十]+、(?<title>.+)$")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^[((][一二三四五六七八九十]+[))](?<title>.+)$")]
    private static partial Regex ActionHeading();

    [GeneratedRegex(@"^(?<no>\d{1,3})\s*[.．、]\s*(?<rest>.+)$")]
    private static partial Regex NumberedLine();
}
