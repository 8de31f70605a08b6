using System.Text;

namespace WorkflowHost.Web.Security;

/// <summary>
/// User input as it may appear in a log line: control characters (CR, LF, ESC…), line and paragraph separators and
/// unpaired surrogates written as <c>\u000A</c>, so a typed name or reason can never start a forged line or recolour a
/// terminal; and cut at <see cref="MaxLength"/>, so one request cannot write megabytes to the log.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var shown = text.Length > MaxLength ? text[..MaxLength] : text;
        var escaped = new StringBuilder(shown.Length + 16);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                escaped.Append(c).Append(shown[++i]);
                continue;
            }
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029') escaped.Append($"\\u{(int)c:X4}");
            else escaped.Append(c);
        }
        if (text.Length > MaxLength) escaped.Append($"…(共 {text.Length} 个字符)");
        return escaped.ToString();
    }
}
