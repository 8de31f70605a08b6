using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Hosting;

public static class HostServices
{
    /// <summary>Everything the host needs: settings, seed data (loaded once, validated at start), the database.</summary>
    public static IServiceCollection AddWorkflowHost(this IServiceCollection services, ProductSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(_ => settings.LoadDirectory());
        services.AddSingleton(_ => settings.LoadCalendar());
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<WorkflowDbContext>(settings.ConfigureDatabase);
        return services;
    }
}
