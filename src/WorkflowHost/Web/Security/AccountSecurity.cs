using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Web.Security;

/// <summary>Session and password rules of MLPS 2.0 level 3 on the sign-in cookie: idle timeout and absolute lifetime
/// measured on the <see cref="AccountClock"/>, the security-stamp check on the same clock, on every request.</summary>
public static class AccountSecurity
{
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, WebOptions web)
    {
        services.AddSingleton(AccountClock.Real);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<AccountClock>((options, clock) => options.TimeProvider = clock.Time)
            .Configure(options => SessionLifetime.Apply(options, web, http => http.RequestServices.GetRequiredService<AccountClock>()));
        // The stamp is checked on every request (interval zero), not every 30 minutes as by default: signing out or
        // changing the password renews the stamp, and every other session of the account ends at its next request.
        // The price is one user lookup per request.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<AccountClock>((options, clock) =>
        {
            options.TimeProvider = clock.Time;
            options.ValidationInterval = TimeSpan.Zero;
        });
        services.AddScoped<SessionEnd>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<DecoyPasswordHash>();
        services.AddSingleton<PasswordAttempts>();
        return services;
    }
}
