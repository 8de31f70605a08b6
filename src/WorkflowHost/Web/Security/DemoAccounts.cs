using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Security;

/// <summary>
/// The demo configuration's accounts: a clerk (<c>yjt-clerk</c>) and a leader (<c>yjt-leader</c>) for every unit, named
/// after the unit's mail address, plus <c>zhuanban</c> (working group) and <c>admin</c>, all with the documented demo
/// password. A production configuration must not carry them: the host refuses to start while any exists.
/// </summary>
public static class DemoAccounts
{
    public const string WorkingGroupUser = "zhuanban";
    public const string AdministratorUser = "admin";

    public static string ClerkOf(UnitRow unit) => $"{LoginStem(unit)}-clerk";
    public static string LeaderOf(UnitRow unit) => $"{LoginStem(unit)}-leader";

    private static string LoginStem(UnitRow unit) => unit.Email.Split('@')[0].ToLowerInvariant();

    /// <summary>Refuses a production configuration that still has demo accounts, and a demo configuration on the
    /// real clock (a demo on real time is a production system with a published password).</summary>
    public static async Task CheckConfigurationAsync(WorkflowDbContext db, DemoOptions demo, bool virtualClock, CancellationToken cancel)
    {
        if (demo.Enabled && !virtualClock)
            throw new InvalidOperationException(
                "WorkflowHost:Demo:Enabled is true but the clock is real: demo accounts with the published password are only allowed with the virtual clock (set WorkflowHost:Demo:Enabled=false for production)");
        if (!demo.Enabled && await db.Users.AnyAsync(u => u.IsDemo, cancel))
        {
            var count = await db.Users.CountAsync(u => u.IsDemo, cancel);
            throw new InvalidOperationException(
                $"this is a production configuration (WorkflowHost:Demo:Enabled=false) but the database holds {count} demo accounts with the published password; start on a fresh database or delete the users with is_demo = 1");
        }
    }

    /// <summary>Creates the missing demo accounts. All share one password hash: hashing a hundred passwords would
    /// cost seconds at every fresh start, and a shared documented password gains nothing from separate salts.</summary>
    /// <param name="now">when the password counts as set (real time: the <see cref="AccountClock"/>)</param>
    public static async Task EnsureAsync(WorkflowDbContext db, DemoOptions demo, DateTimeOffset now, CancellationToken cancel)
    {
        await EnsureRolesAsync(db, cancel);
        var existing = (await db.Users.Select(u => u.UserName).ToListAsync(cancel)).ToHashSet();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancel);
        // Hashed only if an account is missing: the hash costs tens of milliseconds of every start otherwise.
        var hash = new Lazy<string>(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), demo.Password));

        var wanted = new List<(string Name, string Display, string Role, long? Unit)>
        {
            (WorkingGroupUser, "工作专班", WebRoles.WorkingGroup, null),
            (AdministratorUser, "系统管理员", WebRoles.Administrator, null),
        };
        foreach (var unit in await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancel))
        {
            wanted.Add((ClerkOf(unit), $"{unit.Name}联络员", WebRoles.UnitClerk, unit.Id));
            wanted.Add((LeaderOf(unit), $"{unit.Name}负责人", WebRoles.UnitLeader, unit.Id));
        }
        foreach (var (name, display, role, unitId) in wanted.Where(w => !existing.Contains(w.Name)))
        {
            var user = new AppUser
            {
                UserName = name,
                NormalizedUserName = name.ToUpperInvariant(),
                DisplayName = display,
                UnitId = unitId,
                IsDemo = true,
                PasswordHash = hash.Value,
                PasswordChangedAt = now,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
        }
        await db.SaveChangesAsync(cancel);
    }

    public static async Task EnsureRolesAsync(WorkflowDbContext db, CancellationToken cancel)
    {
        var present = (await db.Roles.Select(r => r.Name).ToListAsync(cancel)).ToHashSet();
        foreach (var role in WebRoles.All.Where(r => !present.Contains(r)))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        await db.SaveChangesAsync(cancel);
    }
}
