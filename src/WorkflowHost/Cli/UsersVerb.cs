using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Cli;

/// <summary><c>users list</c>, <c>users add NAME --role ROLE [--unit UNIT] [--display TEXT]</c> (password on
/// standard input): how a production installation, which has no demo accounts, gets its people; and
/// <c>users unlock NAME</c>, how an administrator lets a locked-out person back in before the lockout ends.</summary>
public static class UsersVerb
{
    public static Command Create(ProductSettings settings) => new("users", "Sign-in accounts")
    {
        List(settings),
        Add(settings),
        Unlock(settings),
    };

    private static Command List(ProductSettings settings)
    {
        var command = new Command("list", "List the accounts with their roles and units");
        command.SetAction(async (_, cancel) =>
        {
            await using var services = Services(settings);
            await using var db = await PrepareAsync(services, cancel);
            var users = await (
                from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                join unit in db.Units on u.UnitId equals unit.Id into units
                from unit in units.DefaultIfEmpty()
                orderby u.UserName
                select new { u.UserName, Role = r.Name, Unit = unit.Name, u.IsDemo }).ToListAsync(cancel);
            foreach (var u in users) Console.WriteLine($"{u.UserName,-28} {u.Role,-14} {u.Unit ?? "-"}{(u.IsDemo ? "  (demo)" : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Add(ProductSettings settings)
    {
        var name = new Argument<string>("name") { Description = "the sign-in name" };
        var role = new Option<string>("--role") { Description = "unit-clerk, unit-leader, working-group or administrator", Required = true };
        role.AcceptOnlyFromAmong([.. WebRoles.All]);
        var unit = new Option<string?>("--unit") { Description = "the unit (name or alias) of a unit-clerk or unit-leader" };
        var display = new Option<string?>("--display") { Description = "what pages and the journal call the person (default: the name)" };
        var command = new Command("add", "Add an account; reads its password from standard input") { name, role, unit, display };
        command.SetAction(async (parse, cancel) =>
        {
            // The same name rule as the sign-in form: a name that could not be typed there must not be created here.
            if (UserNames.Problem(parse.GetValue(name), "用户名 NAME") is { } nameProblem) return Fail(nameProblem);
            var roleName = parse.GetValue(role)!;
            var unitName = parse.GetValue(unit);
            var unitRole = roleName is WebRoles.UnitClerk or WebRoles.UnitLeader;
            if (unitRole != (unitName is not null))
                return Fail(unitRole ? $"--unit is required for role {roleName}" : $"--unit is only for unit-clerk and unit-leader, not {roleName}");
            var password = (await Console.In.ReadLineAsync(cancel))?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password)) return Fail("no password on standard input (e.g. `… users add NAME --role R < password-file`)");
            // The display name is shown on every page and written into the ledger: the same rule as any typed text.
            if (WorkflowHost.Infrastructure.Input.FreeText.Problem("显示名称", "--display", parse.GetValue(display)) is { } displayProblem) return Fail(displayProblem);

            await using var services = Services(settings);
            await using var db = await PrepareAsync(services, cancel);
            long? unitId = null;
            if (unitName is not null)
            {
                var canonical = settings.LoadDirectory().Find(unitName)?.Name;
                unitId = canonical is null ? null : await db.Units.Where(u => u.Name == canonical).Select(u => (long?)u.Id).SingleOrDefaultAsync(cancel);
                if (unitId is null) return Fail($"unknown unit '{unitName}' (see `units`)");
            }
            using var scope = services.CreateScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = parse.GetValue(name), DisplayName = parse.GetValue(display) ?? parse.GetValue(name)!, UnitId = unitId, LockoutEnabled = true,
                // Real time, not the product's clock: the password's age is a fact about the world (see AccountClock).
                PasswordChangedAt = TimeProvider.System.GetUtcNow() };
            var created = await manager.CreateAsync(user, password);
            if (created.Succeeded) created = await manager.AddToRoleAsync(user, roleName);
            if (!created.Succeeded) return Fail(string.Join("; ", created.Errors.Select(e => e.Description)));
            await CliAudit.WriteAsync(db, services.GetRequiredService<TimeProvider>(), "add-user", $"user:{user.UserName}", $"{roleName} {unitName}".Trim(), cancel);
            Console.WriteLine($"added {user.UserName} ({roleName}{(unitName is null ? "" : ", " + unitName)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Unlock(ProductSettings settings)
    {
        var name = new Argument<string>("name") { Description = "the sign-in name of the locked-out account" };
        var command = new Command("unlock", "End an account's lockout and clear its count of failed password attempts") { name };
        command.SetAction(async (parse, cancel) =>
        {
            var userName = parse.GetValue(name)!;
            if (UserNames.Problem(userName, "用户名 NAME") is { } nameProblem) return Fail(nameProblem);
            await using var services = Services(settings);
            await using var db = await PrepareAsync(services, cancel);
            using var scope = services.CreateScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await manager.FindByNameAsync(userName) is not { } user) return Fail($"没有用户名为 {userName} 的账号(见 users list)。");
            // What it was, for the audit entry: who was let back in, and from how deep a lockout.
            var wasLocked = await manager.IsLockedOutAsync(user);
            var before = $"锁定至 {(wasLocked ? user.LockoutEnd!.Value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture) : "无")},失败次数 {user.AccessFailedCount}";
            var unlocked = await manager.SetLockoutEndDateAsync(user, null);
            if (unlocked.Succeeded) unlocked = await manager.ResetAccessFailedCountAsync(user);
            if (!unlocked.Succeeded) return Fail(string.Join("; ", unlocked.Errors.Select(e => e.Description)));
            await CliAudit.WriteAsync(db, services.GetRequiredService<TimeProvider>(), "unlock-user", $"user:{user.UserName}", before, cancel);
            Console.WriteLine(wasLocked ? $"已解除 {user.UserName} 的锁定,失败次数已清零。" : $"{user.UserName} 未被锁定,失败次数已清零。");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }

    private static ServiceProvider Services(ProductSettings settings) => EngineServiceProvider.Create(settings, services =>
    {
        var web = settings.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        services.AddIdentityCore<AppUser>(options => IdentityPolicy.Configure(options, web))
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkflowDbContext>();
    });

    /// <summary>The database as the host would find it: migrated, plan imported, roles present.</summary>
    private static async Task<WorkflowDbContext> PrepareAsync(ServiceProvider services, CancellationToken cancel)
    {
        await services.PrepareDatabaseAsync(cancel);
        var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        await DemoAccounts.EnsureRolesAsync(db, cancel);
        return db;
    }
}
