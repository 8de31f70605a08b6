namespace WorkflowHost.Web.Security;

/// <summary>Response headers every page and API answer carries: no framing (clickjacking), no MIME sniffing, no
/// referrer leaking assignment ids to other sites, and a content policy allowing only our own scripts, styles and
/// images (the pages use none inline), so injected text can never run. Set when the response starts, not when the
/// request arrives: the exception handler clears every header before writing a 500, and a 500 must keep them too.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    /// <summary>The policy of an evidence file shown in the browser: the page policy and a sandbox, so a PDF or image
    /// opened from our origin runs nothing and has no rights on it.</summary>
    public const string SandboxedPolicy = ContentSecurityPolicy + "; sandbox";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // A response that sandboxed itself (an evidence preview) keeps its stricter policy.
            if (headers.ContentSecurityPolicy != SandboxedPolicy) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        }, context.Response);
        await next();
    });
}
