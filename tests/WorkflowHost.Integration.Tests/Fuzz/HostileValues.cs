using System.Text;
using CsCheck;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>CsCheck generators of the values an attacker sends: hostile and over-long texts, control characters,
/// extreme and non-finite numbers, odd dates and odd path segments. JSON values are raw JSON text, so that tokens
/// System.Text.Json would never write (NaN, 1e400, lone surrogate escapes) can be sent too.</summary>
public static class HostileValues
{
    /// <summary>Keeps a body under 200 KB even with a few long values in it (3 bytes per CJK character).</summary>
    public const int LongText = 50_000;

    private static readonly string[] Texts =
    [
        "", " ", "\u0000", "a\u0001b", "\u0007\u0008\u001b[31m", "line\r\nforged: entry", "\r", "\t",
        "\u202Egnp.exe", "\u200B\u200D\uFEFF", "\u2028\u2029", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
        "%00", "%2e%2e%2f", "{{7*7}}", "${jndi:ldap://x}", "🙂👨‍👩‍👧", "\uD800", "\uDFFF", "null", "NaN", "已部署专项检查", "省交通运输厅",
        "\\", "\"", "<!--", "]]>", "\u00A0", "𠀀𪚥", "ﷺ", "a" + new string('\u0301', 200),
    ];

    /// <summary>Ordinary texts: without them nearly every request is refused and the fuzzer never gets past the checks
    /// into the actions themselves.</summary>
    private static readonly Gen<string> Plain = Gen.OneOf("已部署专项检查", "同意销号", "佐证材料不全,请补充", "正在推进,预计月底完成", "ok", "检查企业 120 家");

    public static readonly Gen<string> Text = Gen.Frequency(
        (5, Plain),
        (6, Gen.OneOf(Texts)),
        (3, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.Int[256, LongText].Select(n => new string('长', n))),
        (1, Gen.Int[1, 2_000].Select(n => string.Concat(Enumerable.Repeat("\u0001\r\n", n)))));

    /// <summary>Short hostile texts, for map keys (many of them in one body).</summary>
    public static readonly Gen<string> Key = Gen.Frequency(
        (6, Gen.OneOf(Texts)),
        (3, Gen.Char.Array[0, 20].Select(chars => new string(chars))),
        (1, Gen.Int[51, 2_000].Select(n => new string('名', n))));

    public static readonly Gen<string> Integer = Gen.Frequency(
        (4, Gen.OneOf("0", "-0", "-1", "1", "2147483647", "2147483648", "-2147483648", "-2147483649", "9999999999",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e3", "1.5", "1e300", "-1e300")),
        (1, Gen.Long.Select(l => l.ToString())));

    public static readonly Gen<string> Number = Gen.Frequency(
        (4, Gen.OneOf("0", "-0", "-0.0", "1e300", "-1e300", "1e-400", "1e400", "79228162514264337593543950335",
            "-79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000001",
            "123456789012345678901234567890.5", "2147483647", "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"1e300\"", "\"12\"")),
        (2, Gen.Decimal.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1")));

    /// <summary>Real dates half the time (so extension requests get past the parser into the date rules, far ones
    /// included), odd ones otherwise.</summary>
    public static readonly Gen<string> Date = Gen.Frequency(
        (1, Gen.OneOf("2024-06-30", "2024-12-31", "2025-06-30", "2026-12-31", "9999-12-31", "0001-01-01", "2024-02-29")),
        (1, Gen.OneOf("0000-01-01", "2024-02-30", "2024-13-01", "2024-00-10", "2024-04-15T00:00:00", "2024-04-15T00:00:00+08:00",
            "2024-3-1", "20240301", "-2024-01-01", "+012024-01-01", "二〇二四年四月", "garbage", "", " 2024-04-15", "2024-04-15\u0000")));

    public static readonly Gen<string> DateTime = Gen.OneOf(
        "2024-02-26T09:00:00", "2024-02-26T09:00:00+08:00", "2024-02-26T09:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-14:00", "2024-02-25T09:00:00-99:00", "2024-02-30T00:00:00Z", "garbage", "", "2024-02-26");

    // No %00 in a path: the in-process client refuses to send it, and Kestrel answers 400 itself before the app.

    /// <summary>A path segment for an integer id: the valid ids the fixture found, and odd ones.</summary>
    public static Gen<string> PathId(IReadOnlyList<long> valid) => Gen.Frequency(
        (6, Gen.OneOf(valid.Select(v => v.ToString()).ToArray())),
        (3, Gen.OneOf("0", "-1", "2147483648", "9999999999", "9223372036854775807", "9223372036854775808", "一", "%E2%80%AE1",
            "abc", "1.5", "1e3", "%20", "1%0d%0a", "..%2F1")));

    public static readonly Gen<string> Month = Gen.OneOf(
        "2024-02", "2024-03", "2024-12", "0000-01", "0001-01", "9999-12", "2024-13", "2024-00", "1900-01", "2100-01",
        "二〇二四-01", "..", "2024-02%0d%0a", "%E2%80%AE");

    public static readonly Gen<string> WrongType = Gen.OneOf(
        "null", "true", "false", "[]", "{}", "\"x\"", "1", "[1,2]", "{\"a\":{}}", "\"\\u0000\"",
        new string('[', 2_000) + new string(']', 2_000));

    /// <summary>Bodies that are not what any schema describes: broken, truncated or not JSON at all.</summary>
    public static readonly Gen<string> Malformed = Gen.OneOf(
        "", "{", "}", "{\"text\":", "not json", "\u0000", "[", "{\"a\":1,}", "{'text':'x'}", "{\"figures\":{\"a\":NaN}}",
        "{\"figures\":{\"a\":Infinity}}", "{\"figures\":[1,2]}", "{\"figures\":{\"a\":\"x\"}}", "{\"date\":\"2024-01-01\" \"reason\":1}",
        "\uFEFF{}", "{\"text\":\"\\ud800\"}", "{\"text\":\"\\u00\"}", "{\"days\":1e400}", "{\"to\":123}", "{\"userName\":1,\"password\":[]}",
        "{\"note\":{\"$ref\":\"#\"}}", "{\"a\":" + new string('[', 70) + new string(']', 70) + "}", "{\"text\":\"x\",\"text\":\"y\"}");

    /// <summary>A .NET string as a JSON string literal; control characters and every surrogate escaped, so a lone
    /// surrogate reaches the server as the escape an attacker would send.</summary>
    public static string Json(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c == '"') json.Append("\\\"");
            else if (c == '\\') json.Append("\\\\");
            else if (c < 0x20 || char.IsSurrogate(c)) json.Append($"\\u{(int)c:x4}");
            else json.Append(c);
        }
        return json.Append('"').ToString();
    }
}
