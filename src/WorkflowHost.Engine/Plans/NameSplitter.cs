namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Splits the names part of a clause into names. Separators: 、 , 及 以及 (always) and 和 (only between names): the
/// directory holds full names such as 「甘肃省住房和城乡建设厅」, so a stretch joined by 和 that the directory knows as one
/// name stays one name. Nothing inside brackets is a separator (「各县(市、区)」 is one name).
/// </summary>
internal static class NameSplitter
{
    // 以及 before 及, or 「X以及Y」 would leave the fragment 「X以」.
    private static readonly string[] Separators = ["以及", "、", ",", "及"];

    private const string And = "和";

    public static List<string> Split(string names, Func<string, bool> known)
    {
        var result = new List<string>();
        foreach (var piece in Brackets.SplitTopLevel(names, Separators).Where(p => p.Length > 0))
        {
            result.AddRange(known(piece) ? [piece] : SplitAtAnd(piece, known));
        }

        return result;
    }

    // Greedy from the left: the longest run of 和-joined parts the directory knows is one name; an unknown part stays
    // alone (and is reported as unknown by the caller, whole, not re-glued to its neighbours).
    private static IEnumerable<string> SplitAtAnd(string piece, Func<string, bool> known)
    {
        var parts = Brackets.SplitTopLevel(piece, [And]);
        if (parts.Length == 1 || parts.Any(p => p.Length == 0))
        {
            // 「和」 at either end is no separator: keep the piece as written so the error shows it.
            yield return piece;
            yield break;
        }

        var i = 0;
        while (i < parts.Length)
        {
            var end = parts.Length;
            while (end > i + 1 && !known(string.Join(And, parts[i..end])))
            {
                end--;
            }

            yield return string.Join(And, parts[i..end]);
            i = end;
        }
    }
}
