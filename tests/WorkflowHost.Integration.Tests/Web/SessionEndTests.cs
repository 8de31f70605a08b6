using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Finding 6 and 7 of issue 11: signing out (API or page) and changing the password end every session of the
/// account at once; wrong current passwords on the change-password form count toward the lockout.</summary>
[Collection(SessionHostCollection.Name)]
public sealed class SessionEndTests(SessionHostFixture host)
{
    private const string Fresh = "New#Passw0rd";

    [Fact]
    public async Task Signing_out_through_the_api_ends_the_other_sessions_of_the_account()
    {
        var name = await host.NewUserAsync();
        var leaving = await host.SignedInAsync(name);
        var other = await host.SignedInAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await leaving.DeleteAsync("/api/session")).StatusCode);

        var me = await other.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("application/problem+json", me.Content.Headers.ContentType?.MediaType);
        Assert.Contains("会话已结束", await me.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.GetAsync("/api/me")).StatusCode);
        // Signing in again afterwards works as ever.
        Assert.Equal(HttpStatusCode.OK, (await (await host.SignedInAsync(name)).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_on_the_page_ends_the_other_sessions_and_pages_send_them_to_sign_in()
    {
        var name = await host.NewUserAsync();
        var browser = await host.SignedInAsync(name);
        var other = await host.SignedInAsync(name);
        var board = await browser.GetStringAsync("/board");
        var token = SessionHostFixture.AntiforgeryToken().Match(board);
        Assert.True(token.Success, "no sign-out form with a token on the board");

        var logout = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token.Groups[1].Value }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
        var page = await other.GetAsync("/board");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
        await using var db = await host.DbAsync();
        Assert.True(await db.Audit.AnyAsync(a => a.User == name && a.Action == "sign-out" && a.Outcome == AuditLog.Done));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_but_not_this_one()
    {
        var name = await host.NewUserAsync();
        var changing = await host.SignedInAsync(name);
        var other = await host.SignedInAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/assignments")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SessionHostFixture.ChangePasswordAsync(changing, SessionHostFixture.Password, Fresh)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await changing.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await host.SignedInAsync(name, Fresh)).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_toward_the_lockout_and_the_fifth_locks_and_signs_out()
    {
        var name = await host.NewUserAsync();
        var client = await host.SignedInAsync(name);
        var other = await host.SignedInAsync(name);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var refused = await SessionHostFixture.ChangePasswordAsync(client, "Wrong#Passw0rd" + attempt, Fresh);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("当前密码错误", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
            Assert.Equal(attempt, (await UserAsync(name)).AccessFailedCount);
        }
        var locking = await SessionHostFixture.ChangePasswordAsync(client, "Wrong#Passw0rd5", Fresh);

        Assert.Equal(HttpStatusCode.Forbidden, locking.StatusCode);
        Assert.Contains("账号已锁定", WebUtility.HtmlDecode(await locking.Content.ReadAsStringAsync()));
        var user = await UserAsync(name);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10), $"lockout end {user.LockoutEnd}");
        // Every session ended, this one included; the sixth try gets no form; the right password does not sign in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(PasswordAge.ChangePath)).StatusCode);
        var signIn = await host.Client().PostAsync("/api/session", JsonContent.Create(new { userName = name, password = SessionHostFixture.Password }));
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    private async Task<WorkflowHost.Infrastructure.Persistence.AppUser> UserAsync(string name)
    {
        await using var db = await host.DbAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == name);
    }
}
