using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace WorkflowHost.Web.Security;

/// <summary>Marks an endpoint where a password is typed (sign-in page and API, change-password form): its request
/// bodies are capped at <see cref="MaxBodyBytes"/>. Goes with <c>EnableRateLimiting(AttemptLimits.Policy)</c>, which
/// counts its POSTs per client address.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PasswordFormAttribute : Attribute
{
    /// <summary>A name, a password and a form token fit in well under 1 KB; 4 KB leaves room and nothing more.</summary>
    public const int MaxBodyBytes = 4 * 1024;
}

/// <summary>
/// The per-address half of the password-attempt limits, on ASP.NET Core's rate limiter: every POST to an endpoint
/// marked <see cref="PasswordFormAttribute"/> takes a permit from its client address's fixed window (sign-in and the
/// password change share it: both are guesses at a password). The per-name half is <see cref="PasswordAttempts"/>.
/// Also caps those endpoints' request bodies, before anything reads them. Refusals: 429 or 413, in Chinese, as
/// problem details on the API and as a short page in the browser.
/// </summary>
public static class AttemptLimits
{
    public const string Policy = "password-attempts";

    public static IServiceCollection AddAttemptLimits(this IServiceCollection services, WebOptions web)
    {
        var window = TimeSpan.FromSeconds(Math.Max(1, web.PasswordAttemptWindowSeconds));
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, web.PasswordAttemptsPerAddress),
                    Window = window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("read"));
            options.OnRejected = (context, cancel) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : window;
                return new ValueTask(TooManyAsync(context.HttpContext, wait));
            };
        });
        return services;
    }

    /// <summary>After authentication (the change-password form is for signed-in people) and before the endpoints.</summary>
    public static IApplicationBuilder UseAttemptLimits(this IApplicationBuilder app)
    {
        app.Use(CapBodyAsync);
        app.UseRateLimiter();
        return app;
    }

    public static Task TooManyAsync(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return RefusalAnswer.WriteAsync(http, StatusCodes.Status429TooManyRequests, "请求过于频繁", PasswordSignIn.Limited(wait));
    }

    // A declared length over the cap is refused before a byte is read. A body of undeclared length (chunked) is read
    // here up to one byte past the cap and refused the same way, or kept for the endpoint: at 4 KB that costs nothing,
    // and the refusal is the same clear 413 whichever way the client sent it.
    private static async Task CapBodyAsync(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<PasswordFormAttribute>() is not null)
        {
            const int cap = PasswordFormAttribute.MaxBodyBytes;
            var length = http.Request.ContentLength;
            if (length is null)
            {
                http.Request.EnableBuffering(bufferThreshold: cap + 1, bufferLimit: cap + 1);
                var buffer = new byte[cap + 1];
                var read = 0;
                try
                {
                    while (read <= cap && await http.Request.Body.ReadAsync(buffer.AsMemory(read), http.RequestAborted) is var n and > 0) read += n;
                }
                catch (IOException) { read = cap + 1; } // the buffering limit itself says: too long
                if (read > cap) length = read;
                else http.Request.Body.Position = 0;
            }
            if (length > cap)
            {
                await RefusalAnswer.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "请求内容过大",
                    $"请求内容过大:登录和修改密码的请求不得超过 {cap / 1024} KB。");
                return;
            }
        }
        await next();
    }
}
