using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Account;

[PasswordForm, EnableRateLimiting(AttemptLimits.Policy)]
public sealed class LoginModel(PasswordSignIn signIn, WebOptions options) : PageModel
{
    public string? Problem { get; private set; }
    public string? UserName { get; private set; }
    public string ReturnUrl { get; private set; } = "/";
    public int MaxFailures => options.MaxFailedSignIns;
    public int LockoutMinutes => options.LockoutMinutes;
    public int SessionMinutes => options.SessionMinutes;
    public int AbsoluteSessionHours => options.AbsoluteSessionHours;
    public int MaxNameLength => UserNames.MaxLength;

    public void OnGet(string? returnUrl) => ReturnUrl = Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken cancel)
    {
        ReturnUrl = Safe(returnUrl);
        var answer = await signIn.SignInAsync(userName, password, cancel);
        if (answer.Succeeded) return LocalRedirect(ReturnUrl);
        // Shown back only when it follows the name rule: a refused name is not echoed into the form.
        UserName = UserNames.Problem(userName?.Trim()) is null ? userName : null;
        Problem = answer.Problem;
        Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } wait) Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    // Only local paths: a crafted link must not bounce a freshly signed-in user to another site.
    private string Safe(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";
}
