using System.Text.RegularExpressions;

namespace WorkflowHost.Web.Views;

/// <summary>
/// A refusal as a person reads it. The use cases write 「中文说明 (english detail)」 so that the API's problem details
/// and the logs carry both; a page shows the Chinese alone.
/// </summary>
public static partial class PeopleText
{
    /// <summary>The message without its parenthesised English asides (a half-width parenthesis opening with a Latin
    /// word: 「(figures line 1: '120家' is not a number)」); Chinese parentheses and bracketed dates stay.</summary>
    public static string ChineseOnly(string message)
    {
        var shown = EnglishAside().Replace(message, "").Trim();
        return shown.Length > 0 ? shown : message;
    }

    [GeneratedRegex(@"\s*\((?=[A-Za-z]{2,}[\s:'])[^()]*\)")]
    private static partial Regex EnglishAside();
}
