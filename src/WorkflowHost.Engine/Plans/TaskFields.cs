namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Splits one task, as written over its lines, into content, responsibility and deadline. Forms read:
/// <list type="bullet">
/// <item>「content(responsibility;deadline)」 — the 2024 annex: the last 「;」 of the closing bracket splits;</item>
/// <item>「content(牵头单位:X;配合单位:Y;完成时限:Z)」 — labelled clauses: their 「;」 separate clauses, not the deadline;</item>
/// <item>「content(X牵头,Y配合)」 — no deadline in the bracket; 「content(2025年6月底前)」 — only a deadline;</item>
/// <item>labelled lines after the task: 「牵头单位:X」「责任单位:Y」「配合单位:Z」「协办单位:W」「完成时限:…」;</item>
/// <item>a deadline inside the sentence (「…6月底前完成排查」), when none is given otherwise.</item>
/// </list>
/// Brackets may be (), () or 〔〕. What is missing stays empty; the plan builder reports it (or takes the list's default).
/// </summary>
internal static class TaskFields
{
    public sealed record Fields(string Content, string Responsibility, string Deadline);

    // A bracket that ends a task is its responsibility when it holds a clause separator, a label, a verb of
    // responsibility, or ends like a unit name; 「矿山(含尾矿库)」 at the end of a sentence does none of that.
    private static readonly string[] Verbs = ["牵头", "负责", "配合", "协同", "会同", "参与", "协办"];
    private const string UnitEndings = "局厅委办部室会队院府区县市镇乡司处所团站社馆心";

    /// <param name="lines">The text after the number, then every following line of the task, in order.</param>
    /// <param name="strays">Lines that belong to no field (unlabelled text after the task's labelled lines).</param>
    public static Fields Read(IReadOnlyList<(int Line, string Text)> lines, List<(int Line, string Text)> strays)
    {
        var contentLines = new List<string>();
        var responsibility = new List<string>();
        string? deadline = null;
        var closed = false;
        foreach (var (line, text) in lines)
        {
            if (contentLines.Count > 0 && FieldLabels.Match(text) is { } field)
            {
                if (field.Kind == FieldLabels.Kind.Deadline) deadline ??= field.Value;
                else responsibility.Add(FieldLabels.AsClause(field));
                closed = true;
                continue;
            }
            if (closed)
            {
                strays.Add((line, text));
                continue;
            }
            contentLines.Add(text);
            closed = EndsInResponsibility(string.Concat(contentLines));
        }

        var content = string.Concat(contentLines).Trim();
        var open = TrailingBracket(content);
        if (open >= 0)
        {
            var inner = content[(open + 1)..^1].Trim();
            if (IsResponsibility(inner))
            {
                var (names, written) = SplitInner(inner);
                if (names.Length > 0) responsibility.Insert(0, names);
                deadline ??= written;
                content = content[..open].Trim();
            }
            else if (DeadlinePhrases.LooksLikeDeadline(inner))
            {
                deadline ??= inner;
                content = content[..open].Trim();
            }
        }

        if (string.IsNullOrEmpty(deadline))
            deadline = string.Join("、", DeadlinePhrases.InSentence(content));
        return new Fields(content, string.Join(";", responsibility), deadline);
    }

    private static bool EndsInResponsibility(string text)
    {
        var open = TrailingBracket(text.Trim());
        return open >= 0 && IsResponsibility(text.Trim()[(open + 1)..^1]);
    }

    private static bool IsResponsibility(string inner)
        => inner.Length > 0
            && (inner.IndexOfAny([';', '\uFF1B']) >= 0
                || ResponsibilityLabels.Contains(inner.Replace('\uFF1A', ':'))
                || Verbs.Any(verb => inner.Contains(verb, StringComparison.Ordinal))
                || UnitEndings.Contains(inner.TrimEnd('等')[^1]))
            && !DeadlinePhrases.LooksLikeDeadline(inner);

    /// <summary>The names and the deadline of a responsibility bracket.</summary>
    private static (string Names, string Deadline) SplitInner(string inner)
    {
        var clauses = Brackets.SplitTopLevel(inner, [";", "\uFF1B"]);
        if (clauses.Any(clause => FieldLabels.Match(clause) is not null))
        {
            // 「牵头单位:X;配合单位:Y;完成时限:Z」: each clause says what it is; an unlabelled one is a deadline by its shape.
            var names = new List<string>();
            var deadline = "";
            foreach (var clause in clauses.Where(c => c.Length > 0))
            {
                var field = FieldLabels.Match(clause);
                if (field?.Kind == FieldLabels.Kind.Deadline) deadline = field.Value;
                else if (field is null && DeadlinePhrases.LooksLikeDeadline(clause)) deadline = clause;
                else names.Add(clause);
            }
            return (string.Join(";", names), deadline);
        }

        var split = inner.LastIndexOfAny([';', '\uFF1B']);
        if (split >= 0) return (inner[..split].Trim(), inner[(split + 1)..].Trim());

        // 「X牵头,6月底前完成」: a comma before a deadline-shaped clause splits too; otherwise there is no deadline here.
        var parts = Brackets.SplitTopLevel(inner, [",", "\uFF0C"]);
        if (parts.Length >= 2 && DeadlinePhrases.LooksLikeDeadline(parts[^1]))
        {
            var comma = inner.Length - parts[^1].Length - 1;
            while (comma > 0 && inner[comma] is not (',' or '\uFF0C')) comma--;
            return (inner[..comma].Trim(), parts[^1]);
        }
        return (inner, "");
    }

    /// <summary>Index of the bracket that opens the group closing the text, or -1. Content may hold its own brackets
    /// (「矿山(含尾矿库)」), so the group is found by balancing from the end.</summary>
    public static int TrailingBracket(string text)
    {
        if (text.Length == 0 || !Brackets.IsCloser(text[^1])) return -1;
        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (Brackets.IsCloser(text[i])) depth++;
            else if (Brackets.IsOpener(text[i]) && --depth == 0) return i;
        }
        return -1;
    }
}
