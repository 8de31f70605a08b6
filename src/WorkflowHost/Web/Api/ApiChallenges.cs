using Microsoft.AspNetCore.Authentication.Cookies;

namespace WorkflowHost.Web.Api;

/// <summary>API callers get 401/403 as problem details; only browsers on pages are redirected to the sign-in page.</summary>
public static class ApiChallenges
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static void Apply(CookieAuthenticationOptions options)
    {
        options.Events.OnRedirectToLogin = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized,
            "未登录或会话已过期 (not signed in, or the session has expired)");
        options.Events.OnRedirectToAccessDenied = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden,
            "无权访问 (this account may not do this)");
    }

    private static async Task Answer(HttpContext http, string redirect, int status, string detail)
    {
        if (!IsApi(http.Request))
        {
            http.Response.Redirect(redirect);
            return;
        }
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status, Detail = detail } });
    }
}
