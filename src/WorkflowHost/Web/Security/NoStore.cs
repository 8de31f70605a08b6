namespace WorkflowHost.Web.Security;

/// <summary>
/// <c>Cache-Control: no-store</c> on every answer except the static assets: pages of signed-in people, the API,
/// evidence files, the ledger, documents and the calendar feed are all personal, and none may be kept by a browser
/// cache or a proxy for the next person at the same desk. Set when the response starts, so an answer that set its own
/// caching (the exception handler, antiforgery) ends up with the strict one as well.
/// </summary>
public static class NoStore
{
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/assets"))
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                response.Headers.CacheControl = "no-store";
                response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            }, context.Response);
        await next();
    });
}
