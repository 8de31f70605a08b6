namespace WorkflowHost.Web.Security;

/// <summary>
/// The rule for sign-in names, wherever one is typed (the sign-in form, <c>POST /api/session</c>, <c>users add</c>):
/// at most <see cref="MaxLength"/> characters, no control character at all (a name is one line: a line break in it
/// would forge log lines) and no unpaired surrogate. Checked before any lookup, so an over-long or hostile name never
/// reaches the database, the audit log or the log.
/// </summary>
public static class UserNames
{
    public const int MaxLength = 64;

    /// <summary>What is wrong with the name, in Chinese and naming the field, or null.</summary>
    public static string? Problem(string? name, string field = "用户名")
    {
        if (string.IsNullOrEmpty(name)) return $"请填写{field}。";
        if (name.Length > MaxLength) return $"{field}不得超过 {MaxLength} 个字符(现为 {name.Length} 个)。";
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return $"{field}第 {i + 1} 个字符是不成对的代理项 U+{(int)c:X4},不能使用。";
            if (char.IsControl(c)) return $"{field}第 {i + 1} 个字符是控制字符 U+{(int)c:X4},不能使用。";
        }
        return null;
    }
}
