namespace WorkflowHost.Web.Views;

/// <summary>
/// The list an assignment was opened from (<c>?back=/board?area=regions&amp;page=3</c>), so a decision returns to the
/// view it was made from, filters, search and page kept. Only a path of our own lists is taken: anything else (another
/// site, <c>//host</c>, a control character, an overlong address) is ignored, never followed.
/// </summary>
public static class ListAddress
{
    public const int MaxLength = 1_000;
    private static readonly string[] Lists = ["/board", "/unit"];

    public static string? Safe(string? back) =>
        back is { Length: > 0 and <= MaxLength }
        && Lists.Any(l => back == l || back.StartsWith(l + "?", StringComparison.Ordinal) || back.StartsWith(l + "/", StringComparison.Ordinal))
        && !back.Contains("//", StringComparison.Ordinal) && !back.Contains('\\') && !back.Any(char.IsControl)
            ? back
            : null;
}
