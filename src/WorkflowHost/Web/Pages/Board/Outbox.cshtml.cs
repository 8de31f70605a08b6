using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>The mail outbox for the working group: what went out, what is waiting and why, what was dead-lettered
/// (with the server's reason), and a retry for a dead row.</summary>
public sealed class OutboxModel(OutboxAdministration outbox, AuditLog audit) : PageModel
{
    public IReadOnlyList<OutboxEntry> Entries { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (Status is not null && !OutboxStatus.All.Contains(Status)) return BadRequest($"unknown status '{Status}'");
        Counts = await outbox.CountsAsync(cancel);
        Entries = await outbox.ListAsync(Status, 200, cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancel)
    {
        var problem = await outbox.RetryAsync(id, cancel);
        await audit.WriteAsync(CurrentUser.From(User), "retry-mail", $"outbox:{id}", problem is null ? AuditLog.Done : AuditLog.Refused, problem, cancel);
        TempData[problem is null ? "Message" : "Problem"] = problem is null ? $"第 {id} 封邮件已重新排队发送" : problem;
        return RedirectToPage(new { Status });
    }
}
