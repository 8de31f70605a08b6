using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>
/// The real engine in-process: the product's own service wiring, a real SQLite file in a temp folder (or the
/// PostgreSQL database the settings name), the real seed data and workflow definitions, and a stopped virtual clock
/// that only the test moves (every timer in between firing in order, so digests and retries happen at exact engine
/// times without any waiting). With <c>mail</c>, the host's mail too: digests, letters, documents and the outbox.
/// The one fixture of engine lifecycles; tests of two processes use <see cref="ProductProcess"/>.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineHarness(ServiceProvider services, string dataFolder)
    {
        _services = services;
        DataFolder = dataFolder;
    }

    public string DataFolder { get; }
    public VirtualClock Clock => (VirtualClock)_services.GetRequiredService<TimeProvider>();
    public IMediator Mediator => _services.GetRequiredService<IMediator>();
    public TimerProcessor Processor => _services.GetRequiredService<TimerProcessor>();
    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();
    /// <summary>The engine's today (China date on its clock).</summary>
    public DateOnly Today => ChinaTime.Today(Clock);

    public static readonly DateTimeOffset PlanIssued = new(2024, 2, 25, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Starts the engine on <paramref name="dataFolder"/> with the clock at <paramref name="start"/> (China
    /// time), importing the plan (by default the real 2024 plan) if the database lacks it. <paramref name="settings"/>
    /// use configuration keys (WorkflowHost:Mail:Smtp:Host …). With <paramref name="mail"/>, wired as the host wires
    /// its mail, from the product's appsettings.json.</summary>
    public static async Task<EngineHarness> StartAsync(string dataFolder, DateTimeOffset start, string? planFolder = null,
        IDictionary<string, string?>? settings = null, bool mail = false)
    {
        var values = new Dictionary<string, string?>
        {
            ["WorkflowHost:DataFolder"] = dataFolder,
            ["WorkflowHost:SeedData"] = Path.Combine(RepoPaths.Root, "seed-data"),
            ["WorkflowHost:Plan"] = planFolder ?? RepoPaths.PlanFolder,
            ["WorkflowHost:Workflows"] = Path.Combine(RepoPaths.Root, "workflows"),
            ["WorkflowHost:Clock:Mode"] = "Virtual",
            ["WorkflowHost:Clock:Start"] = start.ToString("O"),
            ["WorkflowHost:Clock:Speed"] = "0",
        };
        // The mail tests read the 简报 as it goes out; its draft and 印发 are tested on the web app.
        if (mail) values["WorkflowHost:Engine:AutoIssueBriefings"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var builder = new ConfigurationBuilder();
        if (mail) builder.AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json"));
        var product = ProductSettings.Load(RepoPaths.Root, builder.AddInMemoryCollection(values).Build());
        var services = new ServiceCollection().AddLogging().AddWorkflowEngine(product);
        if (mail) services.AddMail(product);
        var provider = services.BuildServiceProvider();
        await provider.PrepareDatabaseAsync();
        return new EngineHarness(provider, dataFolder);
    }

    /// <summary>The engine with its mail, from the plan's issue (2024-02-25 09:00).</summary>
    public static Task<EngineHarness> StartWithMailAsync(string dataFolder, IDictionary<string, string?>? settings = null) =>
        StartAsync(dataFolder, PlanIssued, settings: settings, mail: true);

    /// <summary>SMTP settings for a server on loopback without TLS.</summary>
    public static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["WorkflowHost:Mail:Smtp:Host"] = "127.0.0.1",
        ["WorkflowHost:Mail:Smtp:Port"] = port.ToString(),
        ["WorkflowHost:Mail:Smtp:Security"] = "None",
        ["WorkflowHost:Mail:Smtp:TimeoutSeconds"] = "10",
    };

    // The mail's parts (with mail: true).
    public DailyDigestComposer Digests => _services.GetRequiredService<DailyDigestComposer>();
    public OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();
    public DocumentService Documents => _services.GetRequiredService<DocumentService>();
    public OutboxAdministration Outbox => _services.GetRequiredService<OutboxAdministration>();

    /// <summary>Gathers each unit's 函告 of a day into its letter, as every dispatcher run does first: to count, before a
    /// run, what it will send.</summary>
    public Task<int> BundleLettersAsync() => _services.GetRequiredService<LetterBundler>().BundleAsync(Clock.GetUtcNow(), default);

    public static DateTimeOffset China(int year, int month, int day, int hour = 0, int minute = 0) =>
        ChinaTime.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    /// <summary>Moves the clock to the instant, firing every timer in between in order.</summary>
    public Task<int> AdvanceToAsync(DateTimeOffset instant) => _services.GetRequiredService<ClockAdvancer>().AdvanceToAsync(instant);

    /// <summary>Stores the clock, so a product process started on the same data folder continues from here.</summary>
    public async Task SaveClockAsync()
    {
        await using var db = Db();
        await ClockStore.SaveAsync(db, Clock, TimeProvider.System);
    }

    public IServiceProvider Services => _services;

    public WorkflowDbContext Db() => _services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContext();

    public async Task<Assigned> AssignmentAsync(int taskNo, string unit)
    {
        await using var db = Db();
        var found = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where t.No == taskNo && u.Name == unit
            select new Assigned(a.Id, a.UnitId, u.Name)).SingleAsync();
        return found;
    }

    /// <summary>The clerk (联络员) of the unit an assignment belongs to.</summary>
    public async Task<Actor> ClerkOfAsync(long assignmentId)
    {
        await using var db = Db();
        var unit = await db.Assignments.Where(a => a.Id == assignmentId).Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { u.Id, u.Name }).SingleAsync();
        return new Assigned(assignmentId, unit.Id, unit.Name).Clerk;
    }

    public async Task<AssignmentRow> ReloadAsync(long assignmentId)
    {
        await using var db = Db();
        return await db.Assignments.AsNoTracking().SingleAsync(a => a.Id == assignmentId);
    }

    /// <summary>The assignment's journal as (event, China time) pairs, oldest first.</summary>
    public async Task<List<(string Event, DateTimeOffset At)>> JournalAsync(long assignmentId)
    {
        await using var db = Db();
        var rows = await db.Journal.AsNoTracking().Where(j => j.AssignmentId == assignmentId).OrderBy(j => j.Id).ToListAsync();
        return rows.Select(j => (j.Event, UnixTime.ToChinaTime(j.At))).ToList();
    }

    public async Task<List<string>> EventsAsync(long assignmentId) => (await JournalAsync(assignmentId)).Select(j => j.Event).ToList();

    public async Task<List<TimerRow>> PendingTimersAsync(long assignmentId)
    {
        await using var db = Db();
        return await db.Timers.AsNoTracking().Where(t => t.AssignmentId == assignmentId && t.Status == TimerStatus.Pending).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>An assignment and the clerk of its unit, who may act on it.</summary>
public sealed record Assigned(long Id, long UnitId, string Unit)
{
    public Actor Clerk => new($"{Unit}联络员", ActorRole.UnitClerk, UnitId);
    public static Actor WorkingGroup => new("专班", ActorRole.WorkingGroup);
}
