using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Calendar;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Api;

/// <summary>Sign-in for API clients (the same accounts, lockout and cookie as the pages), and who is signed in.</summary>
public static class SessionApi
{
    public sealed record SignIn(string UserName, string Password);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/session", async (SignIn body, SignInManager<AppUser> signIn, AuditLog audit, CancellationToken cancel) =>
        {
            var result = await SessionSignIn.PasswordAsync(signIn, audit, body.UserName, body.Password, cancel);
            return result is null ? TypedResults.NoContent() : ApiResults.Problem(StatusCodes.Status401Unauthorized, result);
        }).AllowAnonymous().WithSummary("Sign in (sets the session cookie)");

        api.MapDelete("/session", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).WithSummary("Sign out");

        api.MapGet("/me", (HttpContext http, CalendarUrl calendar) =>
        {
            var user = CurrentUser.From(http.User)!;
            return TypedResults.Ok(new
            {
                user.UserName, user.DisplayName, user.Role, roleTitle = WebRoles.Title(user.Role), user.UnitId,
                calendarUrl = user.UnitId is { } unit ? calendar.For(http.Request, unit) : null,
            });
        }).WithSummary("The signed-in user");

        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        }).WithSummary("A token for form (multipart) requests: send it in the X-CSRF-TOKEN header");
    }
}

/// <summary>Password sign-in shared by the page and the API, with lockout and the audit log.</summary>
public static class SessionSignIn
{
    /// <summary>Null when signed in; otherwise what to tell the person (never whether the name exists).</summary>
    public static async Task<string?> PasswordAsync(SignInManager<AppUser> signIn, AuditLog audit, string? userName, string? password, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return "请输入用户名和密码 (user name and password are required)";
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var who = new CurrentUser(userName.Trim(), userName.Trim(), "", null);
        if (result.Succeeded)
        {
            await audit.WriteAsync(who, "sign-in", null, AuditLog.Done, cancel: cancel);
            return null;
        }
        await audit.WriteAsync(who, "sign-in", null, AuditLog.Refused, result.IsLockedOut ? "locked out" : "wrong user name or password", cancel);
        return result.IsLockedOut
            ? "登录失败次数过多,账号已暂时锁定,请稍后再试 (too many failed attempts: the account is locked for a while)"
            : "用户名或密码错误 (wrong user name or password)";
    }
}
