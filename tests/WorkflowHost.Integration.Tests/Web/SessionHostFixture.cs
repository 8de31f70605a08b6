using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The host in process with the product's password-attempt limits kept small (and a window of an hour, so no window
/// boundary falls inside a test), every client on its own made-up address (the per-address limit counts each test
/// apart), the log captured, password verifications counted (<see cref="CountingPasswordHasher"/>), and one test-only fault: a request with <see cref="FaultHeader"/> throws inside the
/// pipeline, as a bug would, to see what a 500 carries.
/// </summary>
public sealed partial class SessionHostFixture : WebApplicationFactory<Program>
{
    public const string Password = "Old#Passw0rd";
    public const string FaultHeader = "X-Test-Fault";
    public const int PerAddress = 12;
    public const int PerName = 8;

    private readonly TempFolder _data = new();
    private static int _lastAddress;

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseSetting("WorkflowHost:DataFolder", _data.Path);
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerAddress", PerAddress.ToString());
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerName", PerName.ToString());
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptWindowSeconds", "3600");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<QuartzSchedulerOptions>(options => options.InstanceName = "session-tests");
            services.AddSingleton<IAuthorizationHandler, FaultOnDemand>();
            services.AddScoped<IPasswordHasher<AppUser>, CountingPasswordHasher>();
        });
    }

    /// <summary>A client with its own cookie jar and its own client address (10.x.y.z, never reused).</summary>
    public HttpClient Client(IPAddress? address = null)
    {
        address ??= NextAddress();
        var handler = new CookieContainerHandler { InnerHandler = Server.CreateHandler(http => http.Connection.RemoteIpAddress = address) };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }

    /// <summary>A fresh working-group account (so one test's lockouts and stamps touch nobody else's).</summary>
    public async Task<string> NewUserAsync()
    {
        var name = "s-" + Guid.NewGuid().ToString("N")[..10];
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = name, DisplayName = name, LockoutEnabled = true, PasswordChangedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, WebRoles.WorkingGroup);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return name;
    }

    public async Task<HttpClient> SignedInAsync(string userName, string password = Password)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/session", new { userName, password });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"sign-in as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>The change-password form posted as a browser would, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string fresh)
    {
        var page = await client.GetStringAsync(PasswordAge.ChangePath);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "no antiforgery token on the change-password page");
        return await client.PostAsync(PasswordAge.ChangePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["currentPassword"] = current,
            ["newPassword"] = fresh,
            ["confirmPassword"] = fresh,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();

    public Task<WorkflowDbContext> DbAsync() =>
        Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }

    /// <summary>Throws while authorizing a request that carries <see cref="FaultHeader"/>: an unhandled exception
    /// inside the pipeline, after the security headers and the exception handler, where a bug in an endpoint would be.</summary>
    private sealed class FaultOnDemand : IAuthorizationHandler
    {
        public Task HandleAsync(AuthorizationHandlerContext context) =>
            context.Resource is HttpContext http && http.Request.Headers.ContainsKey(FaultHeader)
                ? throw new InvalidOperationException("test fault")
                : Task.CompletedTask;
    }
}

/// <summary>Every log message the host writes, formatted, with its category.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _entries = new();

    public IReadOnlyList<(string Category, string Message)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<(string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, formatter(state, exception)));
    }
}

[CollectionDefinition(Name)]
public sealed class SessionHostCollection : ICollectionFixture<SessionHostFixture>
{
    public const string Name = "session host";
}
