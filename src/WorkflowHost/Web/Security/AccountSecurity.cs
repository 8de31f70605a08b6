using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Web.Security;

/// <summary>Session and password rules of MLPS 2.0 level 3 on the sign-in cookie: idle timeout and absolute lifetime
/// measured on the <see cref="AccountClock"/>, the security-stamp check on the same clock.</summary>
public static class AccountSecurity
{
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, WebOptions web)
    {
        services.AddSingleton(AccountClock.Real);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<AccountClock>((options, clock) => options.TimeProvider = clock.Time)
            .Configure(options => SessionLifetime.Apply(options, web, http => http.RequestServices.GetRequiredService<AccountClock>()));
        services.AddOptions<SecurityStampValidatorOptions>().Configure<AccountClock>((options, clock) => options.TimeProvider = clock.Time);
        return services;
    }
}
