using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Reads a task list as offices publish it, as text (a .txt, or the paragraphs of a .docx). The list starts after its
/// heading (<see cref="ListStart"/>); its tasks are the numbered items of one style (「1.」, 「(一)」 or 「一、」), and
/// numbered lines of an outer style are headings whose text becomes the section of the tasks under them. Each task's
/// fields are split by <see cref="TaskFields"/>. For the 2024 form — a body whose section 「三、重点任务」 groups items
/// under the actions 「(一)…行动」, and an annex without headings — the action is matched from the body.
/// Text is kept verbatim; only the split into fields is derived. Problems are collected, never thrown, so a layout
/// problem does not hide the tasks after it; line numbers are the source's own (1-based).
/// </summary>
public static partial class PlanTextParser
{
    /// <summary>Most lines read; a plan is a few hundred.</summary>
    public const int MaxLines = 20_000;

    /// <summary>Longest line read; a task is a paragraph, not a chapter.</summary>
    public const int MaxLineLength = 4_000;

    public sealed record Result(IReadOnlyList<RawPlanTask> Tasks, IReadOnlyList<BodyItem> BodyItems, IReadOnlyList<PlanProblem> Problems);

    /// <summary>A numbered item of the body and the action heading it stands under.</summary>
    public sealed record BodyItem(int No, string Text, string Action);

    /// <summary>A numbered line of the list with the unnumbered lines after it.</summary>
    private sealed record Block(ListNumbering.Numbered Head, int Line, string Raw, List<(int Line, string Text)> Lines);

    public static Result Parse(string text, string sourceName, string? annexTitle = null)
        => Parse(text.ReplaceLineEndings("\n").Split('\n'), sourceName, annexTitle);

    /// <param name="lines">The lines (or paragraphs); line N of the source is <c>lines[N - 1]</c>.</param>
    public static Result Parse(string[] lines, string sourceName, string? annexTitle = null)
    {
        var problems = new List<PlanProblem>();
        if (lines.Length > MaxLines)
        {
            problems.Add(new(sourceName, null, null, "limit", $"任务清单最多读取{MaxLines}行,这个文件有{lines.Length}行"));
            return new([], [], problems);
        }

        var (from, kind) = ListStart.Find(lines, annexTitle, sourceName, problems);
        if (kind == ListStart.Kind.None) return new([], [], problems);
        var bodyItems = kind == ListStart.Kind.Heading ? ReadBody(lines.AsSpan(0, from)) : [];
        var tasks = ReadList(lines, from, sourceName, problems);
        var withActions = tasks.Select(t => t.Action is null ? t with { Action = ActionMatcher.FindAction(t.Content, bodyItems) } : t).ToList();
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

    private static List<RawPlanTask> ReadList(string[] lines, int from, string sourceName, List<PlanProblem> problems)
    {
        var blocks = new List<Block>();
        for (var i = from; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (line.Length > MaxLineLength)
            {
                problems.Add(new(sourceName, i + 1, null, "line", $"一行最多{MaxLineLength}个字,这一行有{line.Length}个字"));
                continue;
            }
            if (ListNumbering.Match(line) is { } numbered)
                blocks.Add(new Block(numbered, i + 1, line, [(i + 1, numbered.Rest)]));
            else if (blocks.Count > 0)
                blocks[^1].Lines.Add((i + 1, line));
            // Lines before the first numbered one are the list's preamble (its title, a covering sentence).
        }

        var bearing = blocks.Select(b => HasResponsibility(b.Lines)).ToArray();
        if (!bearing.Any(b => b))
        {
            problems.Add(new(sourceName, null, null, "annex", blocks.Count == 0
                ? "清单中没有编号的任务(任务以「1.」「(一)」或「一、」开头)"
                : "清单中的编号条目都没有责任单位:任务末尾应有「(责任单位;完成时限)」,或另起一行写「牵头单位:…」「责任单位:…」"));
            return [];
        }

        var taskStyle = blocks.Where((_, i) => bearing[i]).GroupBy(b => b.Head.Style)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        var first = Array.IndexOf(bearing, true);
        var last = Array.LastIndexOf(bearing, true);
        return ReadTasks(blocks, taskStyle, first, last, sourceName, problems);
    }

    private static List<RawPlanTask> ReadTasks(List<Block> blocks, NumberingStyle taskStyle, int first, int last, string sourceName, List<PlanProblem> problems)
    {
        // Headings by style, outermost first; the innermost one above a task is its section.
        var headings = new SortedDictionary<NumberingStyle, string>();
        var taskBlocks = new List<(Block Block, string? Section, bool AfterHeading)>();
        var headingSinceTask = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Head.Style < taskStyle)
            {
                foreach (var deeper in headings.Keys.Where(style => style >= block.Head.Style).ToArray()) headings.Remove(deeper);
                headings[block.Head.Style] = block.Head.Rest.TrimEnd('。', ':', '\uFF1A');
                headingSinceTask = true;
                continue;
            }
            if (block.Head.Style > taskStyle)
            {
                // A sub-item (「1.」 under a 「(一)」 task) is part of the task before it.
                if (taskBlocks.Count > 0) taskBlocks[^1].Block.Lines.AddRange([(block.Line, block.Raw), .. block.Lines.Skip(1)]);
                continue;
            }
            // Numbered text of the task style before the first task or after the last (a preamble's 「(一)指导思想」,
            // a closing 「(一)加强组织领导」) is not part of the list.
            if (i < first || i > last) continue;
            taskBlocks.Add((block, headings.Count > 0 ? headings.Last().Value : null, headingSinceTask));
            headingSinceTask = false;
        }

        // Chinese numbering restarts in every section, and so does Arabic numbering in some lists: then the task number is
        // the task's place in the list. Numbers written 1, 2, 3 … across the list are kept, so gaps are still reported.
        var restarts = taskBlocks.Skip(1).Any(t => t.AfterHeading && t.Block.Head.No == 1);
        var inOrder = taskStyle is NumberingStyle.Chapter or NumberingStyle.Section || restarts;

        var tasks = new List<RawPlanTask>();
        var strays = new List<(int Line, string Text)>();
        foreach (var (block, section, _) in taskBlocks)
        {
            var fields = TaskFields.Read(block.Lines, strays);
            var no = inOrder ? tasks.Count + 1 : block.Head.No;
            tasks.Add(new RawPlanTask(no, fields.Content, fields.Responsibility, fields.Deadline, section, block.Line));
        }

        // After the last task, unattributed text is a footer (抄送, 印发); before it, it is a line no task can own.
        var lastTaskLine = taskBlocks.Count > 0 ? taskBlocks[^1].Block.Line : 0;
        foreach (var (line, text) in strays.Where(s => s.Line < lastTaskLine))
            problems.Add(new(sourceName, line, null, "line",
                $"这一行不属于任何任务:「{Shorten(text)}」(它在一个任务的责任单位之后、下一个编号任务之前;续写的内容应在责任单位之前)"));

        if (!inOrder) PlanNumbering.Check(tasks, sourceName, problems);
        return tasks;
    }

    private static bool HasResponsibility(List<(int Line, string Text)> lines)
    {
        var strays = new List<(int, string)>();
        return TaskFields.Read(lines, strays).Responsibility.Length > 0;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^[一二三四五六七八九十]+、(?<title>.+)$")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^[((][一二三四五六七八九十]+[))](?<title>.+)$")]
    private static partial Regex ActionHeading();

    [GeneratedRegex(@"^(?<no>\d{1,3})\s*[.．、]\s*(?<rest>.+)$")]
    private static partial Regex NumberedLine();
}
