namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Bracket depth for responsibility texts. Names such as 「各县(市、区)」 carry separators inside their brackets, so every
/// split (clauses, names, 等, 和) looks only at characters outside any bracket. Half-width (), full-width () and 〔〕 count.
/// </summary>
internal static class Brackets
{
    private const string Openers = "(\uFF08\u3014";
    private const string Closers = ")\uFF09\u3015";

    public static bool IsOpener(char c) => Openers.Contains(c);

    public static bool IsCloser(char c) => Closers.Contains(c);

    /// <summary>For each position, whether it lies outside every bracket (a bracket character itself is not outside).</summary>
    public static bool[] TopLevel(string text)
    {
        var outside = new bool[text.Length];
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsOpener(text[i]))
            {
                depth++;
            }
            else if (IsCloser(text[i]))
            {
                // An unmatched closer must not push the rest of the text "inside": clamp at zero.
                depth = Math.Max(0, depth - 1);
            }
            else
            {
                outside[i] = depth == 0;
            }
        }

        return outside;
    }

    /// <summary>Splits at separators that lie outside brackets; each part is trimmed, empty parts are kept.</summary>
    public static string[] SplitTopLevel(string text, IReadOnlyList<string> separators)
    {
        var outside = TopLevel(text);
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length;)
        {
            var separator = outside[i] ? separators.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) : null;
            if (separator is null)
            {
                i++;
                continue;
            }

            parts.Add(text[start..i].Trim());
            i += separator.Length;
            start = i;
        }

        parts.Add(text[start..].Trim());
        return parts.ToArray();
    }

    /// <summary>Index of the first <paramref name="value"/> outside brackets, or -1.</summary>
    public static int IndexOfTopLevel(string text, string value)
    {
        var outside = TopLevel(text);
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            if (outside[i])
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The spellings a directory may hold the same bracketed name under: as written, all half-width, all full-width.
    /// Documents mix bracket widths freely, so a name must not become unknown because of which bracket key was pressed.
    /// </summary>
    public static IEnumerable<string> Spellings(string name)
    {
        yield return name;
        if (name.IndexOfAny([.. Openers, .. Closers]) < 0)
        {
            yield break;
        }

        yield return Map(name, '(', ')');
        yield return Map(name, '\uFF08', '\uFF09');
    }

    private static string Map(string name, char open, char close)
        => string.Concat(name.Select(c => IsOpener(c) ? open : IsCloser(c) ? close : c));
}
