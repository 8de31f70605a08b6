using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>简报: every month's issue, a draft until the working group issues it — read it (download), rewrite its
/// summary paragraph, 印发 (numbered then, and mailed).</summary>
public sealed class BriefingsModel(BriefingDesk desk, DocumentService documents, AuditLog audit) : PageModel
{
    public IReadOnlyList<BriefingLine> Lines { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Summaries { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Lines = await desk.ListAsync(cancel);
        var summaries = new Dictionary<string, string>();
        foreach (var line in Lines.Where(l => !l.Issued))
            summaries[line.Month] = TempData.Peek($"Kept:{line.Month}") as string ?? await documents.BriefingSummaryAsync(line.Month, cancel) ?? "";
        Summaries = summaries;
    }

    public async Task<IActionResult> OnPostSummaryAsync(string month, string? summary, CancellationToken cancel)
    {
        var problem = await desk.SaveSummaryAsync(month, summary, cancel);
        await audit.WriteAsync(CurrentUser.From(User), "edit-briefing", $"briefing:{month}", problem is null ? AuditLog.Done : AuditLog.Refused, problem, cancel);
        if (problem is not null && summary is { Length: <= 2 * BriefingDesk.SummaryLimit }) TempData[$"Kept:{month}"] = summary;
        TempData[problem is null ? "Message" : "Problem"] = problem ?? $"{PeriodMonths.Words(month)}简报摘要已保存";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostIssueAsync(string month, CancellationToken cancel)
    {
        var (number, problem) = await desk.IssueAsync(month, cancel);
        await audit.WriteAsync(CurrentUser.From(User), "issue-briefing", $"briefing:{month}", problem is null ? AuditLog.Done : AuditLog.Refused, problem ?? number, cancel);
        TempData[problem is null ? "Message" : "Problem"] = problem ?? $"{PeriodMonths.Words(month)}简报已印发:{number}";
        return RedirectToPage();
    }
}
