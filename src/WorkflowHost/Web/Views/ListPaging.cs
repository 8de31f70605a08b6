namespace WorkflowHost.Web.Views;

/// <summary>
/// Where one page of a long list stands: its number (1-based, clamped to the last page: a link to page 12 of a list
/// that has since shrunk to 3 pages shows page 3), the number of pages and the total, so a list never stops short
/// without saying so. Page numbers come in as text and are checked here: a positive whole number or nothing.
/// </summary>
public sealed record ListPaging(int Number, int Pages, int Total, int Size)
{
    /// <summary>The highest page number accepted at all (a larger one is refused, not clamped: nobody types it).</summary>
    public const int MaxNumber = 100_000;

    public int Skip => (Number - 1) * Size;

    public static ListPaging Of(int requested, int total, int size)
    {
        var pages = Math.Max(1, (total + size - 1) / size);
        return new ListPaging(Math.Clamp(requested, 1, pages), pages, total, size);
    }

    /// <summary>The page asked for (1 when nothing is given), or the refusal naming the field.</summary>
    public static (int Number, string? Problem) Read(string? raw, string fieldTitle = "页码")
    {
        if (string.IsNullOrWhiteSpace(raw)) return (1, null);
        return int.TryParse(raw.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxNumber
            ? (n, null)
            : (1, $"{fieldTitle}须为 1 到 {MaxNumber} 之间的整数 (page must be a positive whole number)");
    }

    /// <summary>「共 585 项,第 12/12 页」.</summary>
    public string Words => $"共 {Total} 项,第 {Number}/{Pages} 页";
}
