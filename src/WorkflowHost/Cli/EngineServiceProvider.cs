using WorkflowHost.Hosting;

namespace WorkflowHost.Cli;

/// <summary>The engine's services for verbs that need the database or the workflows (no web host, no Quartz).</summary>
public static class EngineServiceProvider
{
    public static ServiceProvider Create(ProductSettings settings, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddWorkflowEngine(settings);
        configure?.Invoke(services);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
