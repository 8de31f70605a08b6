using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The host in process with the session and password clock (<see cref="AccountClock"/>) on a fake time source, so
/// tests move sessions and password ages forward without sleeping. Its own Quartz scheduler name: Quartz keeps one
/// scheduler of a name per process, and the shared <see cref="WebHostFixture"/> may run at the same time.
/// </summary>
public sealed partial class AccountClockHostFixture : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseSetting("WorkflowHost:DataFolder", _data.Path);
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerAddress", "100000");
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerName", "100000");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new AccountClock(Clock));
            services.Configure<QuartzSchedulerOptions>(options => options.InstanceName = "account-clock-tests");
        });
    }

    /// <summary>A fresh working-group account whose password is set now (on the fake clock).</summary>
    public async Task<string> NewWorkingGroupUserAsync(string password)
    {
        var name = "wg-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = name, DisplayName = name, LockoutEnabled = true, PasswordChangedAt = Clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, WebRoles.WorkingGroup);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return name;
    }

    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/session", new { userName, password });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"sign-in as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Posts the change-password form as a browser would, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string fresh, string? confirm = null)
    {
        var page = await client.GetStringAsync(PasswordAge.ChangePath);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "no antiforgery token on the change-password page");
        return await client.PostAsync(PasswordAge.ChangePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["currentPassword"] = current,
            ["newPassword"] = fresh,
            ["confirmPassword"] = confirm ?? fresh,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}
