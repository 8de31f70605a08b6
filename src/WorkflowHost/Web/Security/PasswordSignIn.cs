using Microsoft.AspNetCore.Identity;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Security;

/// <summary>What a sign-in attempt came to: the HTTP status, and for a refusal the message and the field it concerns.</summary>
public sealed record SignInAnswer(int Status, string? Problem, string? Field = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Password sign-in shared by the page and the API. An unknown name, a wrong password and a locked account get the
/// same answer (status and message) after the same work (one password hash, <see cref="DecoyPasswordHash"/>), so
/// neither the words nor the time tell which names exist. The name rule and the per-name limit come first, so a
/// hostile name is refused before any lookup. Every attempt is audited; the audit keeps the true reason.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, DecoyPasswordHash decoy,
    PasswordAttempts attempts, AuditLog audit, WebOptions web)
{
    public string Refusal =>
        $"用户名或密码错误。连续输错 {web.MaxFailedSignIns} 次密码,账号将锁定 {web.LockoutMinutes} 分钟;如账号已锁定,请稍后再试或联系系统管理员解锁。";

    public static string Limited(TimeSpan wait) => $"登录尝试过于频繁,请 {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} 秒后再试。";

    public async Task<SignInAnswer> SignInAsync(string? userName, string? password, CancellationToken cancel)
    {
        var name = userName?.Trim();
        if (string.IsNullOrEmpty(name)) return new(StatusCodes.Status400BadRequest, "请填写用户名。", "userName");
        if (string.IsNullOrEmpty(password)) return new(StatusCodes.Status400BadRequest, "请填写密码。", "password");
        if (UserNames.Problem(name) is { } nameProblem)
        {
            await audit.WriteAsync(Who(name), "sign-in", null, AuditLog.Refused, "用户名不符合规则", cancel);
            return new(StatusCodes.Status400BadRequest, nameProblem, "userName");
        }
        if (!attempts.TryTake(name, out var wait))
            return new(StatusCodes.Status429TooManyRequests, Limited(wait), "userName", wait);

        var (succeeded, reason) = await CheckAsync(name, password);
        await audit.WriteAsync(Who(name), "sign-in", null, succeeded ? AuditLog.Done : AuditLog.Refused, reason, cancel);
        return succeeded ? new(StatusCodes.Status204NoContent, null) : new(StatusCodes.Status401Unauthorized, Refusal);
    }

    private async Task<(bool Succeeded, string? Reason)> CheckAsync(string name, string password)
    {
        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), decoy.Hash, password);
            return (false, "用户名不存在");
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account before hashing; hash anyway, so it takes as long as a wrong password.
            hasher.VerifyHashedPassword(user, user.PasswordHash ?? decoy.Hash, password);
            return (false, "账号已锁定");
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return (true, null);
        return (false, result.IsLockedOut ? "密码错误,账号因此锁定" : "密码错误");
    }

    private static CurrentUser Who(string name) => new(name, name, "", null);
}
