using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Hosting;

/// <summary>
/// The configuration both faces of the executable share (the host and the CLI): the product root, the options from
/// appsettings.json (overridable by environment variables such as <c>WorkflowHost__Database__Provider</c>), and the
/// seed data they point at.
/// </summary>
public sealed class ProductSettings
{
    public string Root { get; }
    public WorkflowHostOptions Options { get; }
    public IConfiguration Configuration { get; }

    private ProductSettings(string root, IConfiguration configuration)
    {
        Root = root;
        Configuration = configuration;
        Options = configuration.GetSection(WorkflowHostOptions.Section).Get<WorkflowHostOptions>() ?? new WorkflowHostOptions();
    }

    public static ProductSettings Load(string root, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: false)
            .AddEnvironmentVariables()
            .Build();
        return new ProductSettings(root, configuration);
    }

    /// <summary>As <see cref="Load(string, IConfiguration?)"/>, with the host's command line
    /// (<c>--WorkflowHost:DataFolder=…</c>, as WebApplicationFactory passes settings) overriding the rest.</summary>
    public static ProductSettings Load(string root, string[]? args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args ?? [])
            .Build();
        return new ProductSettings(root, configuration);
    }

    public string DataFolder => Options.Resolve(Root, Options.DataFolder);
    public string SeedData => Options.Resolve(Root, Options.SeedData);
    public string? PlanPath => string.IsNullOrWhiteSpace(Options.Plan) ? null : Options.Resolve(Root, Options.Plan);
    public string UnitsFile => Path.Combine(SeedData, "units.json");
    public string CalendarFolder => Path.Combine(SeedData, "calendar");

    public string WorkflowsFolder => Options.Resolve(Root, Options.Workflows);

    public UnitDirectory LoadDirectory() => UnitDirectory.Load(UnitsFile);
    public WorkingCalendar LoadCalendar() => WorkingCalendar.Load(CalendarFolder);
    public WorkflowDefinitionCatalog LoadDefinitions() => WorkflowDefinitionCatalog.Load(WorkflowsFolder);

    public EngineOptions EngineOptions => Configuration.GetSection($"{WorkflowHostOptions.Section}:Engine").Get<EngineOptions>() ?? new EngineOptions();
    public ClockOptions ClockOptions => Configuration.GetSection($"{WorkflowHostOptions.Section}:Clock").Get<ClockOptions>() ?? new ClockOptions();

    public TimeProvider CreateClock() => ClockOptions is { Mode: ClockMode.Virtual } virtualClock
        ? new VirtualClock(virtualClock.Start, virtualClock.Speed)
        : TimeProvider.System;

    public void ConfigureDatabase(DbContextOptionsBuilder builder) => Options.Database.Configure(builder, DataFolder);

    public WorkflowDbContext CreateDbContext()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        ConfigureDatabase(builder);
        return new WorkflowDbContext(builder.Options);
    }
}
