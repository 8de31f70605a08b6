using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using WorkflowHost.Web.Calendar;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Api;

/// <summary>Sign-in for API clients (the same accounts, lockout and cookie as the pages), and who is signed in.</summary>
public static class SessionApi
{
    public sealed record SignIn(string UserName, string Password);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/session", async (SignIn body, PasswordSignIn signIn, HttpContext http, CancellationToken cancel) =>
        {
            var answer = await signIn.SignInAsync(body.UserName, body.Password, cancel);
            if (answer.Succeeded) return TypedResults.NoContent();
            if (answer.RetryAfter is { } wait) http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ApiResults.Problem(answer.Status, answer.Problem!, answer.Status == StatusCodes.Status401Unauthorized ? null : answer.Field);
        }).AllowAnonymous().WithMetadata(new PasswordFormAttribute()).RequireRateLimiting(AttemptLimits.Policy)
            .WithSummary("Sign in (sets the session cookie); body at most 4 KB, name at most 64 characters");

        api.MapDelete("/session", async (SessionEnd end, HttpContext http, CancellationToken cancel) =>
        {
            // Every session of the account ends, not only this cookie: whoever copied a cookie is signed out too.
            await end.EverySessionAsync(http.User, "退出登录(该账号的全部会话)", cancel);
            return TypedResults.NoContent();
        }).WithSummary("Sign out (ends every session of the account)");

        api.MapGet("/me", (HttpContext http, CalendarUrl calendar) =>
        {
            var user = CurrentUser.From(http.User)!;
            return TypedResults.Ok(new
            {
                user.UserName, user.DisplayName, user.Role, roleTitle = WebRoles.Title(user.Role), user.UnitId,
                calendarUrl = user.UnitId is { } unit ? calendar.For(unit) : null,
            });
        }).WithSummary("The signed-in user");

        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        }).WithSummary("A token for form (multipart) requests: send it in the X-CSRF-TOKEN header");
    }
}
