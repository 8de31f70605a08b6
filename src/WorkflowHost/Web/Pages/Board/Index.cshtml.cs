using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>专班看板: the numbers, and every item waiting for the working group, each one click from its decision.</summary>
public sealed class IndexModel(DashboardQueries queries, AssignmentActions actions) : BoardPage(queries)
{
    public async Task<IActionResult> OnPostApproveEscalationAsync(long escalationId, CancellationToken cancel)
    {
        var outcome = await actions.ApproveEscalationAsync(CurrentUser.From(User)!, escalationId, cancel);
        TempData[outcome.Succeeded ? "Message" : "Problem"] = outcome.Message;
        return Redirect("/board");
    }
}
