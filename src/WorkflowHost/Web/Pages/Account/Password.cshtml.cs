using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Account;

/// <summary>Self-service password change for every signed-in person, and where an expired password sends them. The
/// /Account folder is open to anonymous visitors (sign-in), so this page challenges by itself. A wrong current
/// password counts toward the lockout as a failed sign-in does: a borrowed or stolen session must not become a way to
/// guess the password without limit. When the count locks the account, every session of it ends.</summary>
[PasswordForm, EnableRateLimiting(AttemptLimits.Policy)]
public sealed class PasswordModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, SessionEnd end, PasswordAttempts attempts, AuditLog audit, AccountClock clock, WebOptions options) : PageModel
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
        if (Problem is null && !attempts.TryTake(who.UserName, out var wait))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Problem = $"修改密码尝试过于频繁,请 {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} 秒后再试。";
        }
        if (Problem is null && await users.IsLockedOutAsync(user)) return await LockedAsync(who, cancel);
        if (Problem is null)
        {
            var changed = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user)) return await LockedAsync(who, cancel);
                Problem = $"当前密码错误。连续输错 {options.MaxFailedSignIns} 次,账号将锁定 {options.LockoutMinutes} 分钟。";
            }
            else if (!changed.Succeeded) Problem = string.Join(";", changed.Errors.Select(e => e.Description));
        }
        if (Problem is not null)
        {
            await audit.WriteAsync(who, "change-password", $"user:{who.UserName}", AuditLog.Refused, Problem, cancel);
            return Page();
        }

        user.PasswordChangedAt = clock.Now;
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateAsync(user);
        // ChangePasswordAsync renewed the security stamp, which ends every other session of the account; this one gets
        // a new cookie with the new stamp and date, keeping the session's properties (its start).
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(who, "change-password", $"user:{who.UserName}", AuditLog.Done, cancel: cancel);
        TempData["Message"] = "密码已修改,该账号的其他会话已全部退出。";
        return Redirect("/");
    }

    /// <summary>Too many wrong current passwords: the account is locked like after failed sign-ins, and every session
    /// of it, this one included, ends.</summary>
    private async Task<IActionResult> LockedAsync(CurrentUser who, CancellationToken cancel)
    {
        await audit.WriteAsync(who, "change-password", $"user:{who.UserName}", AuditLog.Refused, "当前密码连续错误,账号已锁定", cancel);
        await end.EverySessionAsync(User, "修改密码时当前密码连续错误,账号锁定", cancel);
        Problem = $"当前密码连续输错 {options.MaxFailedSignIns} 次,账号已锁定 {options.LockoutMinutes} 分钟,已退出登录。";
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private static string? Check(string? current, string? fresh, string? confirm)
    {
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(fresh) || string.IsNullOrEmpty(confirm))
            return "请填写当前密码,并两次输入新密码。";
        if (fresh != confirm) return "两次输入的新密码不一致。";
        if (fresh == current) return "新密码不能与当前密码相同。";
        return null;
    }
}
