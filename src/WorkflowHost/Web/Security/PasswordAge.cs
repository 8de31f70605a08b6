using System.Globalization;
using System.Security.Claims;
using WorkflowHost.Web.Api;

namespace WorkflowHost.Web.Security;

/// <summary>
/// Password maximum age (MLPS 2.0 level 3): a person whose password is older than
/// <see cref="WebOptions.PasswordMaxAgeDays"/> may sign in, but every page sends them to the change-password page and
/// the API refuses with 403 until they have changed it. The date travels in the cookie as a claim, so no request
/// needs a query; the claim is refreshed when the password changes.
/// </summary>
public static class PasswordAge
{
    public const string ChangedAtClaim = "workflowhost:password-changed-at";
    public const string ChangePath = "/account/password";

    public static Claim ClaimOf(DateTimeOffset? changedAt) =>
        new(ChangedAtClaim, changedAt?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>Whether a password set at <paramref name="changedAt"/> must be changed now; never recorded counts as too old.</summary>
    public static bool IsExpired(DateTimeOffset? changedAt, DateTimeOffset now, int maxAgeDays) =>
        maxAgeDays > 0 && (changedAt is null || now - changedAt.Value >= TimeSpan.FromDays(maxAgeDays));

    public static bool IsExpired(ClaimsPrincipal principal, DateTimeOffset now, int maxAgeDays)
    {
        if (maxAgeDays <= 0 || principal.Identity?.IsAuthenticated != true) return false;
        DateTimeOffset? changedAt = long.TryParse(principal.FindFirstValue(ChangedAtClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        return IsExpired(changedAt, now, maxAgeDays);
    }

    /// <summary>After authentication: holds back everyone whose password is too old, except on the pages they need to
    /// change it or leave.</summary>
    public static IApplicationBuilder UsePasswordAgeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var options = http.RequestServices.GetRequiredService<WebOptions>();
        var clock = http.RequestServices.GetRequiredService<AccountClock>();
        if (!IsExpired(http.User, clock.Now, options.PasswordMaxAgeDays) || IsAllowedWhileExpired(http.Request))
        {
            await next(http);
            return;
        }
        if (!ApiChallenges.IsApi(http.Request))
        {
            http.Response.Redirect(ChangePath);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Detail = $"密码已超过 {options.PasswordMaxAgeDays} 天未更换,请先在 {ChangePath} 修改密码 (the password is older than {options.PasswordMaxAgeDays} days and must be changed first, at {ChangePath})",
            },
        });
    });

    // The account pages (sign-in, sign-out, the change itself) and the API's sign-in/sign-out.
    private static bool IsAllowedWhileExpired(HttpRequest request) =>
        request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/api/session");
}
