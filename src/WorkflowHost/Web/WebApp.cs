using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Api;
using WorkflowHost.Web.Calendar;
using WorkflowHost.Web.Clock;
using WorkflowHost.Web.Files;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web;

/// <summary>The web app: sign-in, the unit workbench, the working-group dashboard, downloads, the calendar feed and
/// the REST API, all in the host process.</summary>
public static class WebApp
{
    public static IServiceCollection AddWebApp(this IServiceCollection services, ProductSettings settings)
    {
        var web = settings.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        var demo = settings.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        services.AddSingleton(web);
        services.AddSingleton(demo);
        WorkflowHost.Web.Plans.ImportReviewServices.AddImportReview(services, settings);

        services.AddIdentity<AppUser, IdentityRole>(options => IdentityPolicy.Configure(options, web))
            .AddEntityFrameworkStores<WorkflowDbContext>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>();
        services.ConfigureApplicationCookie(options =>
        {
            // Sessions age in real time (AccountClock, set in AddAccountSecurity): the product's TimeProvider may be the
            // virtual clock, and moving it a month forward must not sign everybody out.
            options.Cookie.Name = "workflowhost.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(web.SessionMinutes);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            ApiChallenges.Apply(options);
        });
        services.AddAccountSecurity(web);
        services.AddAttemptLimits(web);
        services.AddHostNames(settings.Configuration.GetSection(WorkflowHost.Infrastructure.Mail.MailOptions.Section).Get<WorkflowHost.Infrastructure.Mail.MailOptions>() ?? new());
        services.AddAuthorizationBuilder()
            .AddPolicy(WebRoles.UnitPolicy, p => p.RequireRole(WebRoles.UnitClerk, WebRoles.UnitLeader))
            .AddPolicy(WebRoles.WorkingGroupPolicy, p => p.RequireRole(WebRoles.WorkingGroup, WebRoles.Administrator))
            .AddPolicy(WebRoles.AdministratorPolicy, p => p.RequireRole(WebRoles.Administrator));
        services.AddAntiforgery(options => options.HeaderName = "X-CSRF-TOKEN");

        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToFolder("/Account");
            options.Conventions.AuthorizeFolder("/Board", WebRoles.WorkingGroupPolicy);
            options.Conventions.AuthorizeFolder("/Unit", WebRoles.UnitPolicy);
            options.Conventions.AuthorizeFolder("/Admin", WebRoles.AdministratorPolicy);
            options.Conventions.AddPageApplicationModelConvention("/Assignments/Detail", page => page.EndpointMetadata.Add(RequestSizes.Upload(web)));
            options.Conventions.AddPageApplicationModelConvention("/Board/Import", page => page.EndpointMetadata.Add(WorkflowHost.Web.Plans.ImportReviewServices.RequestLimit));
        });
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.SerializerOptions.Converters.Add(new VerbatimStringConverter());
            options.SerializerOptions.Converters.Add(new ChinaTimeConverter());
        });
        // Keys in the data folder, so sessions survive a restart; a fixed application name, so cluster nodes installed
        // at different paths can read each other's cookies (the key ring folder must be shared).
        services.AddDataProtection().SetApplicationName("WorkflowHost").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataFolder, "keys")));
        services.AddProblemDetails();
        BadRequestProblems.AddBadRequestProblems(services);
        services.AddApiDocument();
        services.AddHttpContextAccessor();
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => RequestSizes.Configure(web, form));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => RequestSizes.Configure(kestrel));

        services.AddSingleton<AuditLog>();
        services.AddSingleton<DataAccess>();
        services.AddSingleton<AssignmentQueries>();
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton<UnitContacts>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<DocumentRegisterQueries>();
        services.AddSingleton<ProposalQueries>();
        services.AddSingleton<SearchText>();
        services.AddSingleton<PlanRoleTitles>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<AssignmentActions>();
        services.AddSingleton<SignOffDesk>();
        services.AddSingleton<MonthlyReportQueries>();
        services.AddSingleton<MonthlyReportDrafts>();
        services.AddSingleton<MonthlyReport>();
        services.AddSingleton<CalendarTokens>();
        services.AddSingleton<CalendarUrl>();
        services.AddSingleton<UnitCalendarFeed>();
        services.AddSingleton<ClockControl>();
        return services;
    }

    /// <summary>Before serving: refuses a production configuration with demo accounts, and creates the demo
    /// accounts in the demo configuration.</summary>
    public static async Task PrepareWebAppAsync(this WebApplication app, CancellationToken cancel = default)
    {
        var demo = app.Services.GetRequiredService<DemoOptions>();
        var isVirtual = app.Services.GetRequiredService<TimeProvider>() is VirtualClock;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        await DemoAccounts.CheckConfigurationAsync(db, demo, isVirtual, cancel);
        await DemoAccounts.EnsureRolesAsync(db, cancel);
        if (demo.Enabled) await DemoAccounts.EnsureAsync(db, demo, app.Services.GetRequiredService<AccountClock>().Now, cancel);
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseNoStore();
        // The API answers errors as problem details; a browser gets a page in Chinese, the status kept.
        app.UseWhen(http => ApiChallenges.IsApi(http.Request), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(http => !ApiChallenges.IsApi(http.Request), pages => pages.UseExceptionHandler("/error/500").UseStatusCodePagesWithReExecute("/error/{0}"));
        // Routing after the error pages, so that a re-executed /error/{code} is routed to its page; before the size
        // refusal, which reads the endpoint's upload limit.
        app.UseRouting();
        app.UseRequestSizeRefusal();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebApp).Assembly, "WorkflowHost.Web.Assets"),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        app.UsePasswordAgeGate();
        app.UseAuthorization();
        app.UseAttemptLimits();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapRazorPages();
        app.MapDownloads();
        app.MapApi();
        return app;
    }
}
