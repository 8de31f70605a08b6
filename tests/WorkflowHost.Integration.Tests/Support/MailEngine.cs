using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>
/// The engine with its mail in this process, as the host wires it: a real SQLite file, the 2024 plan imported, and a
/// stopped virtual clock that the test moves forward (every timer in between firing in order), so digests and
/// retries happen at exact engine times without any waiting.
/// </summary>
public sealed class MailEngine : IAsyncDisposable
{
    public static readonly DateTimeOffset PlanIssued = new(2024, 2, 25, 9, 0, 0, TimeSpan.FromHours(8));

    public ServiceProvider Services { get; }
    public VirtualClock Clock { get; }
    public string DataFolder { get; }

    private MailEngine(ServiceProvider services, string dataFolder)
    {
        Services = services;
        DataFolder = dataFolder;
        Clock = (VirtualClock)services.GetRequiredService<TimeProvider>();
    }

    /// <summary>Settings in <paramref name="overrides"/> use configuration keys (WorkflowHost:Mail:Smtp:Host …).</summary>
    public static async Task<MailEngine> StartAsync(string dataFolder, IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["WorkflowHost:DataFolder"] = dataFolder,
            ["WorkflowHost:Clock:Mode"] = "Virtual",
            ["WorkflowHost:Clock:Start"] = PlanIssued.ToString("O"),
            ["WorkflowHost:Clock:Speed"] = "0",
            // The mail tests read the 简报 as it goes out; its draft and 印发 are tested on the web app.
            ["WorkflowHost:Engine:AutoIssueBriefings"] = "true",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json"))
            .AddInMemoryCollection(values)
            .Build();
        var settings = ProductSettings.Load(RepoPaths.Root, configuration);
        var services = new ServiceCollection()
            .AddLogging()
            .AddWorkflowEngine(settings)
            .AddMail(settings)
            .BuildServiceProvider();
        await services.PrepareDatabaseAsync();
        return new MailEngine(services, dataFolder);
    }

    /// <summary>SMTP settings for a server on loopback without TLS.</summary>
    public static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["WorkflowHost:Mail:Smtp:Host"] = "127.0.0.1",
        ["WorkflowHost:Mail:Smtp:Port"] = port.ToString(),
        ["WorkflowHost:Mail:Smtp:Security"] = "None",
        ["WorkflowHost:Mail:Smtp:TimeoutSeconds"] = "10",
    };

    public DailyDigestComposer Digests => Services.GetRequiredService<DailyDigestComposer>();
    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();
    public DocumentService Documents => Services.GetRequiredService<DocumentService>();
    public OutboxAdministration Outbox => Services.GetRequiredService<OutboxAdministration>();

    /// <summary>Gathers each unit's 函告 of a day into its letter, as every dispatcher run does first: to count, before a
    /// run, what it will send.</summary>
    public Task<int> BundleLettersAsync() => Services.GetRequiredService<LetterBundler>().BundleAsync(Clock.GetUtcNow(), default);

    public WorkflowDbContext Db() => Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContext();

    /// <summary>Moves the engine's clock to <paramref name="instant"/> (China time), firing every timer on the way.</summary>
    public Task<int> AdvanceToAsync(DateTimeOffset instant) =>
        new ClockAdvancer(Clock, Services.GetRequiredService<TimerProcessor>()).AdvanceToAsync(instant);

    /// <summary>Stores the clock, so a product process started on the same data folder continues from here.</summary>
    public async Task SaveClockAsync()
    {
        await using var db = Db();
        await ClockStore.SaveAsync(db, Clock, TimeProvider.System);
    }

    public static DateTimeOffset China(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
