namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Brackets outside any name come in two kinds. Part of a name: 「各县(市、区)」, 「各镇(街道)」 — kept, resolved whole.
/// An aside: 「(详见任务分工)」, 「(按职责分工负责)」 — not a name; removed and kept as a note.
/// Rule: a bracket is an aside when its content starts with a pointer word (详见, 见, 按, 注, 具体) or holds a verb of
/// responsibility; names never contain those. A bracket holding a label (「(牵头单位:X;配合单位:Y)」) is unwrapped:
/// its content is the responsibility itself. A bracket holding just a verb (「市应急局(牵头)」) gives the name before it that role.
/// </summary>
internal static class BracketAsides
{
    private static readonly string[] PointerWords = ["详见", "见", "按", "注", "具体"];

    // A bracket holding only one of these marks the role of the name before it; it is not an aside.
    private static readonly string[] RoleMarks = ["牵头", "负责", "配合", "协同", "会同", "参与", "分工负责"];

    private static readonly string[] VerbWords = ["牵头", "负责", "配合", "协同", "会同", "参与", "分工"];

    public static (string Text, List<string> Notes) Extract(string text)
    {
        var notes = new List<string>();
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var close = Brackets.IsOpener(text[i]) ? MatchingCloser(text, i) : -1;
            if (close < 0)
            {
                result.Append(text[i++]);
                continue;
            }

            var content = text[(i + 1)..close].Trim();
            if (ResponsibilityLabels.Contains(content))
            {
                // Clause separators around it, so 「X(牵头单位:Y)」 cannot glue a label to a name.
                result.Append(';').Append(content).Append(';');
            }
            else if (RoleMarks.Contains(content))
            {
                // 「市应急局(牵头)、市公安局」: the mark is the verb of the name before it, which ends a clause of its own.
                result.Append(content).Append(';');
            }
            else if (IsAside(content))
            {
                notes.Add(content);
            }
            else
            {
                result.Append(text, i, close - i + 1);
            }

            i = close + 1;
        }

        return (result.ToString(), notes);
    }

    private static bool IsAside(string content)
        => PointerWords.Any(w => content.StartsWith(w, StringComparison.Ordinal))
            || VerbWords.Any(w => content.Contains(w, StringComparison.Ordinal));

    private static int MatchingCloser(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (Brackets.IsOpener(text[i]))
            {
                depth++;
            }
            else if (Brackets.IsCloser(text[i]) && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
