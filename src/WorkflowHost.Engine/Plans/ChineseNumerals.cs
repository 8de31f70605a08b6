using System.Globalization;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Reads the small numbers plans write either way: 「3」 or 「三」, 「15」 or 「十五」.
/// Only 0–99 in Chinese, which covers months, days, quarters and counts; anything else is refused, not approximated.
/// </summary>
internal static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    /// <summary>Regex fragment matching an Arabic or Chinese number token (validated by <see cref="TryRead"/>).</summary>
    public const string Pattern = @"[0-9]+|[零〇一二三四五六七八九十]+";

    public static bool TryRead(string token, out int value)
    {
        if (token.Length > 0 && token.All(char.IsAsciiDigit))
            return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        value = 0;
        var t = token.Replace('〇', '零');
        var ten = t.IndexOf('十');
        if (ten < 0)
            return t.Length == 1 && TryDigit(t[0], out value);
        if (t.IndexOf('十', ten + 1) >= 0 || ten > 1 || t.Length - ten > 2)
            return false;

        var tens = 1; // 「十五」 is fifteen: a leading 十 stands for 一十.
        if (ten == 1 && (!TryDigit(t[0], out tens) || tens == 0))
            return false;
        var units = 0;
        if (ten + 1 < t.Length && (!TryDigit(t[ten + 1], out units) || units == 0))
            return false;
        value = tens * 10 + units;
        return true;
    }

    private static bool TryDigit(char c, out int digit)
    {
        digit = Digits.IndexOf(c);
        return digit >= 0;
    }
}
