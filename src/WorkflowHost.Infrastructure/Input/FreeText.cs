namespace WorkflowHost.Infrastructure.Input;

/// <summary>
/// The one rule for text people type (reports, notes, reasons, display names). Anything printable is kept exactly as
/// typed — markup, quotes, SQL, right-to-left and zero-width characters included — because it is only ever shown
/// encoded and passed to the database as a parameter. Refused, with the field named: control characters other than
/// tab and line breaks, and unpaired surrogates (neither can be written into the .docx and .xlsx documents or a mail,
/// and no keyboard produces them), and text longer than <see cref="MaxLength"/>.
/// </summary>
public static class FreeText
{
    public const int MaxLength = InputLimits.FreeTextLength;

    /// <summary>The problem with the text, naming the field (Chinese and English), or null.</summary>
    public static string? Problem(string fieldTitle, string fieldName, string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > MaxLength)
            return $"{fieldTitle}超过 {MaxLength} 个字符 ({fieldName} is longer than {MaxLength} characters: {text.Length})";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c))
                return $"{fieldTitle}第 {i + 1} 个字符是不成对的代理项 ({fieldName} has an unpaired surrogate U+{(int)c:X4} at position {i + 1})";
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
                return $"{fieldTitle}第 {i + 1} 个字符是控制字符 U+{(int)c:X4} ({fieldName} has the control character U+{(int)c:X4} at position {i + 1})";
        }
        return null;
    }
}
