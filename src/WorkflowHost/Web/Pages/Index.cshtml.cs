using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages;

/// <summary>The home page is the person's own starting point: the workbench for units, the dashboard for the working group.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => CurrentUser.From(User) switch
    {
        { IsUnitStaff: true } => Redirect("/unit"),
        { IsAdministrator: true } => Redirect("/board"),
        { IsWorkingGroup: true } => Redirect("/board"),
        _ => Redirect("/account/login"),
    };
}
