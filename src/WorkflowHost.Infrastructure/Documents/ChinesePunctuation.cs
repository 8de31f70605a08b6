using System.Text;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>
/// Full-width punctuation inside Chinese text, as GB/T 9704 and every office expects: the plan's cells and people's
/// reports bring half-width <c>(),;:!?</c> into Chinese sentences (「检查企业(含个体户),共120家」). A mark next to a Chinese
/// character (before or after it) becomes its full-width form; between Latin letters or digits it stays (「1:2」, 「(a)」).
/// </summary>
public static class ChinesePunctuation
{
    private static readonly Dictionary<char, char> FullWidth = new()
    {
        [','] = '，', [';'] = '；', [':'] = '：', ['!'] = '！', ['?'] = '？', ['('] = '（', [')'] = '）',
    };

    public static string Normalize(string text)
    {
        if (!text.Any(IsChinese)) return text;
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!FullWidth.TryGetValue(c, out var wide)) { output.Append(c); continue; }
            var chinese = (i > 0 && IsChineseOrWide(output[^1])) || (i + 1 < text.Length && IsChineseOrWide(text[i + 1]));
            output.Append(chinese ? wide : c);
        }
        return output.ToString();
    }

    private static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsChineseOrWide(char c) => IsChinese(c) || c is >= '\u3000' and <= '\u303F' || c is >= '\uFF00' and <= '\uFFEF' || c is '“' or '”';
}
