using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Security;

/// <summary>Puts the unit, the display name and when the password was set into the sign-in cookie, so every request knows them without a query.</summary>
public sealed class UserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitId is { } unit) identity.AddClaim(new Claim(WebRoles.UnitClaim, unit.ToString()));
        identity.AddClaim(new Claim(WebRoles.DisplayNameClaim, user.DisplayName));
        identity.AddClaim(PasswordAge.ClaimOf(user.PasswordChangedAt));
        return identity;
    }
}
