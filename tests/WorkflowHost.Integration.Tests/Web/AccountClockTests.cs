using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Password maximum age (MLPS 2.0 level 3): an old password lets the person sign in, but nothing else until
/// they change it on /account/password.</summary>
public sealed class AccountClockTests(AccountClockHostFixture host) : IClassFixture<AccountClockHostFixture>
{
    private const string Old = "Old#Passw0rd";
    private const string Fresh = "New#Passw0rd";

    [Fact]
    public async Task An_old_password_must_be_changed_before_anything_else()
    {
        var name = await host.NewWorkingGroupUserAsync(Old);
        var before = await host.SignedInAsync(name, Old);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/dashboard")).StatusCode);

        host.Clock.Advance(TimeSpan.FromDays(90));
        var client = await host.SignedInAsync(name, Old);

        var board = await client.GetAsync("/board");
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Equal(PasswordAge.ChangePath, board.Headers.Location?.OriginalString);
        var api = await client.GetAsync("/api/dashboard");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("must be changed", await api.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"password-expired\"", await client.GetStringAsync(PasswordAge.ChangePath));

        var changed = await AccountClockHostFixture.ChangePasswordAsync(client, Old, Fresh);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dashboard")).StatusCode);
        await using var db = await Db();
        var user = await db.Users.SingleAsync(u => u.UserName == name);
        Assert.Equal(host.Clock.GetUtcNow(), user.PasswordChangedAt);
        Assert.True(await db.Audit.AnyAsync(a => a.User == name && a.Action == "change-password" && a.Outcome == AuditLog.Done));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostAsJsonAsync("/api/session", new { userName = name, password = Old })).StatusCode);
    }

    [Theory]
    [InlineData("Wrong#Passw0rd", Fresh, Fresh, "当前密码错误")]
    [InlineData(Old, Fresh, "Other#Passw0rd", "两次输入的新密码不一致")]
    [InlineData(Old, Old, Old, "不能与当前密码相同")]
    [InlineData(Old, "short", "short", "Passwords must be at least 10 characters")]
    public async Task A_refused_change_says_why_and_changes_nothing(string current, string fresh, string confirm, string why)
    {
        var name = await host.NewWorkingGroupUserAsync(Old);
        var client = await host.SignedInAsync(name, Old);

        var response = await AccountClockHostFixture.ChangePasswordAsync(client, current, fresh, confirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problem = Regex.Match(await response.Content.ReadAsStringAsync(), "data-testid=\"password-problem\">([^<]*)<");
        Assert.True(problem.Success, "no problem shown");
        Assert.Contains(why, WebUtility.HtmlDecode(problem.Groups[1].Value));
        Assert.Equal(HttpStatusCode.NoContent, (await host.CreateClient().PostAsJsonAsync("/api/session", new { userName = name, password = Old })).StatusCode);
        await using var db = await Db();
        Assert.True(await db.Audit.AnyAsync(a => a.User == name && a.Action == "change-password" && a.Outcome == AuditLog.Refused));
    }

    [Fact]
    public async Task An_idle_session_ends_after_the_idle_timeout()
    {
        var name = await host.NewWorkingGroupUserAsync(Old);
        var active = await host.SignedInAsync(name, Old);
        var idle = await host.SignedInAsync(name, Old);

        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await active.GetAsync("/api/me")).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(HttpStatusCode.OK, (await active.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await idle.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task An_active_session_ends_after_the_absolute_lifetime()
    {
        var name = await host.NewWorkingGroupUserAsync(Old);
        var client = await host.SignedInAsync(name, Old);

        // A request every 20 minutes keeps the 30-minute idle timeout from ever ending it: 7 h 40 min of work.
        for (var step = 1; step <= 23; step++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True((await client.GetAsync("/api/me")).StatusCode == HttpStatusCode.OK, $"signed out after {step * 20} minutes");
        }
        host.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        await using var db = await Db();
        Assert.True(await db.Audit.AnyAsync(a => a.User == name && a.Action == "session-ended"));
    }

    [Fact]
    public async Task Changing_the_password_does_not_restart_the_absolute_lifetime()
    {
        var name = await host.NewWorkingGroupUserAsync(Old);
        var client = await host.SignedInAsync(name, Old);
        for (var step = 1; step <= 21; step++) // 7 h
        {
            host.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await AccountClockHostFixture.ChangePasswordAsync(client, Old, Fresh)).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(20)); // 8 h after sign-in

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    private Task<WorkflowDbContext> Db() =>
        host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
}

public sealed class PasswordAgeRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(89, 90, false)]
    [InlineData(90, 90, true)]
    [InlineData(400, 0, false)] // 0 turns the rule off
    public void A_password_expires_at_its_maximum_age(int ageDays, int maxAgeDays, bool expired) =>
        Assert.Equal(expired, PasswordAge.IsExpired(Now.AddDays(-ageDays), Now, maxAgeDays));

    [Fact]
    public void A_password_of_unknown_age_counts_as_expired() => Assert.True(PasswordAge.IsExpired((DateTimeOffset?)null, Now, 90));
}
