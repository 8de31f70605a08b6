using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Account;

public sealed class LogoutModel(SessionEnd end) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        // Every session of the account ends (the security stamp is renewed), not only this browser's.
        await end.EverySessionAsync(User, "退出登录(该账号的全部会话)", cancel);
        return Redirect("/account/login");
    }
}
