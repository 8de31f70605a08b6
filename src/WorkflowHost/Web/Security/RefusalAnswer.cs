using System.Net;
using WorkflowHost.Web.Api;

namespace WorkflowHost.Web.Security;

/// <summary>A refusal written before any endpoint runs (rate limit, body cap): problem details on the API, a short
/// Chinese page (no inline script or style, so the content policy holds) for a browser.</summary>
public static class RefusalAnswer
{
    /// <param name="back">Where the page's link leads, and what it says (the sign-in page by default).</param>
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, (string Href, string Text)? back = null)
    {
        var (href, text) = back ?? ("/account/login", "返回登录页");
        http.Response.StatusCode = status;
        if (ApiChallenges.IsApi(http.Request))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body>" +
            $"<p role=\"alert\" data-testid=\"refusal\">{WebUtility.HtmlEncode(detail)}</p><p><a href=\"{WebUtility.HtmlEncode(href)}\">{WebUtility.HtmlEncode(text)}</a></p></body></html>");
    }
}
