using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Security;

/// <summary>
/// Ends every session of an account at once: renews its security stamp (every cookie carries the stamp it was issued
/// with, and the stamp is checked on every request, see <see cref="AccountSecurity"/>), then removes this browser's
/// cookie. Used by sign-out (page and API) and when failed password changes lock the account.
/// </summary>
public sealed class SessionEnd(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit)
{
    public async Task EverySessionAsync(ClaimsPrincipal principal, string reason, CancellationToken cancel)
    {
        var who = CurrentUser.From(principal);
        if (await users.GetUserAsync(principal) is { } user) await RenewStampAsync(user);
        await signIn.SignOutAsync();
        if (who is not null) await audit.WriteAsync(who, "sign-out", $"user:{who.UserName}", AuditLog.Done, reason, cancel);
    }

    /// <summary>Renews the stamp; a failure (another request changed the account at the same instant) is an error,
    /// never silence: a sign-out must not leave the other sessions open while saying it closed them.</summary>
    public async Task RenewStampAsync(AppUser user)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
            throw new InvalidOperationException($"the security stamp of user {user.Id} could not be renewed: {string.Join("; ", result.Errors.Select(e => e.Code))}");
    }
}
