using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Account;

/// <summary>Self-service password change for every signed-in person, and where an expired password sends them. The
/// /Account folder is open to anonymous visitors (sign-in), so this page challenges by itself.</summary>
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, AccountClock clock, WebOptions options) : PageModel
{
    public string? Problem { get; private set; }
    public bool Expired => PasswordAge.IsExpired(User, clock.Now, options.PasswordMaxAgeDays);
    public int MaxAgeDays => options.PasswordMaxAgeDays;

    public IActionResult OnGet() => CurrentUser.From(User) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, string? confirmPassword, CancellationToken cancel)
    {
        var who = CurrentUser.From(User);
        if (who is null) return Challenge();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        Problem = Check(currentPassword, newPassword, confirmPassword);
        if (Problem is null)
        {
            var changed = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
            if (!changed.Succeeded)
                Problem = changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                    ? "当前密码错误 (the current password is wrong)"
                    : string.Join(";", changed.Errors.Select(e => e.Description));
        }
        if (Problem is not null)
        {
            await audit.WriteAsync(who, "change-password", $"user:{who.UserName}", AuditLog.Refused, Problem, cancel);
            return Page();
        }

        user.PasswordChangedAt = clock.Now;
        await users.UpdateAsync(user);
        // A new cookie with the new date and security stamp, keeping the session's properties (its start).
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(who, "change-password", $"user:{who.UserName}", AuditLog.Done, cancel: cancel);
        TempData["Message"] = "密码已修改 (password changed)";
        return Redirect("/");
    }

    private static string? Check(string? current, string? fresh, string? confirm)
    {
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(fresh) || string.IsNullOrEmpty(confirm))
            return "请填写当前密码和两次新密码 (current password and the new password twice are required)";
        if (fresh != confirm) return "两次输入的新密码不一致 (the two new passwords differ)";
        if (fresh == current) return "新密码不能与当前密码相同 (the new password must differ from the current one)";
        return null;
    }
}
