using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Api;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, AuditLog audit, WebOptions options) : PageModel
{
    public string? Problem { get; private set; }
    public string? UserName { get; private set; }
    public string ReturnUrl { get; private set; } = "/";
    public int MaxFailures => options.MaxFailedSignIns;
    public int LockoutMinutes => options.LockoutMinutes;
    public int SessionMinutes => options.SessionMinutes;
    public int AbsoluteSessionHours => options.AbsoluteSessionHours;

    public void OnGet(string? returnUrl) => ReturnUrl = Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken cancel)
    {
        ReturnUrl = Safe(returnUrl);
        UserName = userName;
        Problem = await SessionSignIn.PasswordAsync(signIn, audit, userName, password, cancel);
        return Problem is null ? LocalRedirect(ReturnUrl) : Page();
    }

    // Only local paths: a crafted link must not bounce a freshly signed-in user to another site.
    private string Safe(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";
}
