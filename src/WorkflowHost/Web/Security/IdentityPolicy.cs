using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Web.Security;

/// <summary>The password and lockout rules, the same for the web app and for <c>users add</c>: at least 10
/// characters with upper and lower case, a digit and a symbol (MLPS 2.0 level 3 asks for complexity and lockout).</summary>
public static class IdentityPolicy
{
    public static void Configure(IdentityOptions options, WebOptions web)
    {
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Lockout.MaxFailedAccessAttempts = web.MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(web.LockoutMinutes);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
    }
}
