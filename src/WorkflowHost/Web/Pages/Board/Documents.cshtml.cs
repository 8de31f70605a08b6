using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>发文登记: every document issued, by number, with a filter by kind and year, a search box, pages with the
/// total, the download of each and the register under the same filter and search as .xlsx.</summary>
public sealed class DocumentsModel(DocumentRegisterQueries register, SearchText searchText) : PageModel
{
    public IReadOnlyList<RegisteredDocument> Lines { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The search box and the page as typed; why either was refused (Chinese, the field named).</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The page asked for, read from the query string (not bound: "page" is also Razor Pages' own route value).</summary>
    public string? PageText => Request.Query["page"];
    public string? Problem { get; private set; }
    public ListPaging Paging { get; private set; } = ListPaging.Of(1, 0, DocumentRegisterQueries.PageSize);
    private BoardSearch? Search { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (DocumentRegisterQueries.FilterProblem(Kind, Year) is not null) return BadRequest();
        var (search, searchProblem) = searchText.Read(Q);
        var (page, pageProblem) = ListPaging.Read(PageText);
        (Search, Problem) = (search, searchProblem ?? pageProblem);
        Years = await register.YearsAsync(cancel);
        // Counted first, then the page asked for (or the last one, when the register has fewer pages than that).
        (_, Total) = await register.ListAsync(Kind, Year, 0, cancel, Search);
        Paging = ListPaging.Of(page, Total, DocumentRegisterQueries.PageSize);
        (Lines, Total) = await register.ListAsync(Kind, Year, DocumentRegisterQueries.PageSize, cancel, Search, Paging.Skip);
        return Page();
    }

    /// <summary>The query string of a view of the register: kind, year, the search (kept in every link) and page.</summary>
    public string Query(string? kind, int? year, int page = 1) =>
        string.Join("&", new[]
        {
            kind is null ? null : $"kind={kind}", year is null ? null : $"year={year}",
            Search is { } s ? $"q={Uri.EscapeDataString(s.Words)}" : null, page > 1 ? $"page={page}" : null,
        }.OfType<string>()) is { Length: > 0 } q ? "?" + q : "";
}
