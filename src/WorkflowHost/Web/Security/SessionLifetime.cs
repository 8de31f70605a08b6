using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Web.Security;

/// <summary>
/// Absolute session lifetime, on top of the sliding idle timeout: a session ends <see cref="WebOptions.AbsoluteSessionHours"/>
/// after sign-in however active it is. The sign-in instant is stored once in the ticket's properties; sliding renewal
/// and the security-stamp refresh re-issue the ticket with the same properties, so it survives them.
/// </summary>
public static class SessionLifetime
{
    public const string StartedAtItem = "workflowhost.session-started";

    /// <summary>Adds the rule to the cookie events, keeping Identity's own principal validation (security stamp).</summary>
    public static void Apply(CookieAuthenticationOptions options, WebOptions web, Func<HttpContext, AccountClock> clockOf)
    {
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            // Set once: RefreshSignInAsync (after a password change) signs in again with the session's properties.
            if (!context.Properties.Items.ContainsKey(StartedAtItem))
                context.Properties.Items[StartedAtItem] = clockOf(context.HttpContext).Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            await signingIn(context);
        };

        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            if (web.AbsoluteSessionHours > 0 && IsOver(context.Properties, clockOf(context.HttpContext).Now, web.AbsoluteSessionHours))
            {
                var user = CurrentUser.From(context.Principal!);
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                await context.HttpContext.RequestServices.GetRequiredService<AuditLog>().WriteAsync(user, "session-ended", null, AuditLog.Done,
                    $"absolute session lifetime of {web.AbsoluteSessionHours} h reached", context.HttpContext.RequestAborted);
                return;
            }
            await validate(context);
        };
    }

    /// <summary>A ticket without a start (issued before the rule existed) counts as over.</summary>
    public static bool IsOver(AuthenticationProperties properties, DateTimeOffset now, int hours) =>
        !properties.Items.TryGetValue(StartedAtItem, out var text)
        || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        || now - DateTimeOffset.FromUnixTimeSeconds(seconds) >= TimeSpan.FromHours(hours);
}
