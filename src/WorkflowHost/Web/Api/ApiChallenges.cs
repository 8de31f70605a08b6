using Microsoft.AspNetCore.Authentication.Cookies;

namespace WorkflowHost.Web.Api;

/// <summary>API callers get 401/403 as problem details; only browsers on pages are redirected to the sign-in page.</summary>
public static class ApiChallenges
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static void Apply(CookieAuthenticationOptions options)
    {
        options.Events.OnRedirectToLogin = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized,
            "未登录,或会话已结束,请重新登录。");
        options.Events.OnRedirectToAccessDenied = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden,
            "当前账号无权执行此操作。");
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
