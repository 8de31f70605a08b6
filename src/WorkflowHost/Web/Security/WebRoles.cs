using System.Security.Claims;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Web.Security;

/// <summary>The four kinds of people who sign in, as Identity role names, and the policies built on them.</summary>
public static class WebRoles
{
    public const string UnitClerk = "unit-clerk";
    public const string UnitLeader = "unit-leader";
    public const string WorkingGroup = "working-group";
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [UnitClerk, UnitLeader, WorkingGroup, Administrator];

    /// <summary>Policy: staff of a unit (联络员 or 单位负责人).</summary>
    public const string UnitPolicy = "unit";
    /// <summary>Policy: the working group, or an administrator acting for it.</summary>
    public const string WorkingGroupPolicy = "working-group";
    public const string AdministratorPolicy = "administrator";

    /// <summary>Claim with the unit id of unit staff.</summary>
    public const string UnitClaim = "workflowhost:unit";
    public const string DisplayNameClaim = "workflowhost:display-name";

    public static string Title(string role) => role switch
    {
        UnitClerk => "联络员",
        UnitLeader => "单位负责人",
        WorkingGroup => "工作专班",
        Administrator => "系统管理员",
        _ => role,
    };

    public static ActorRole ToActorRole(string role) => role switch
    {
        UnitClerk => ActorRole.UnitClerk,
        UnitLeader => ActorRole.UnitLeader,
        WorkingGroup => ActorRole.WorkingGroup,
        Administrator => ActorRole.Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a web role"),
    };
}

/// <summary>The signed-in person as the engine sees them, read from the cookie's claims.</summary>
public sealed record CurrentUser(string UserName, string DisplayName, string Role, long? UnitId)
{
    public bool IsUnitStaff => Role is WebRoles.UnitClerk or WebRoles.UnitLeader;
    public bool IsWorkingGroup => Role is WebRoles.WorkingGroup or WebRoles.Administrator;
    public bool IsAdministrator => Role == WebRoles.Administrator;

    /// <summary>The actor commands are sent as; the journal shows its name.</summary>
    public Actor Actor => new(UserName, WebRoles.ToActorRole(Role), UnitId);

    /// <summary>Whether this person may see an assignment (or a file or document of it) of <paramref name="unitId"/>.</summary>
    public bool MaySee(long unitId) => IsWorkingGroup || (IsUnitStaff && UnitId == unitId);

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.Identity.Name is not { } name) return null;
        var role = WebRoles.All.FirstOrDefault(principal.IsInRole);
        if (role is null) return null;
        long? unit = long.TryParse(principal.FindFirstValue(WebRoles.UnitClaim), out var id) ? id : null;
        return new CurrentUser(name, principal.FindFirstValue(WebRoles.DisplayNameClaim) ?? name, role, unit);
    }
}
