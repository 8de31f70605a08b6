using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>发文登记: every document issued, by number, with a filter by kind and year, the download of each and the
/// whole register as .xlsx.</summary>
public sealed class DocumentsModel(DocumentRegisterQueries register) : PageModel
{
    public IReadOnlyList<RegisteredDocument> Lines { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (DocumentRegisterQueries.FilterProblem(Kind, Year) is not null) return BadRequest();
        Years = await register.YearsAsync(cancel);
        (Lines, Total) = await register.ListAsync(Kind, Year, DocumentRegisterQueries.PageSize, cancel);
        return Page();
    }

    public string Query(string? kind, int? year) =>
        string.Join("&", new[] { kind is null ? null : $"kind={kind}", year is null ? null : $"year={year}" }.OfType<string>()) is { Length: > 0 } q ? "?" + q : "";
}
