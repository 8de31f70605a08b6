using WorkflowHost.Infrastructure.Dashboard;

namespace WorkflowHost.Hosting;

public static class DashboardServices
{
    /// <summary>The working group's dashboard queries. The counts and ranking snapshots run on the real clock: its age is about
    /// database work, not about the engine's (possibly virtual) time.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton(sp => new DashboardCountsSnapshot(sp.GetRequiredService<DashboardQueries>(), TimeProvider.System));
        services.AddSingleton(sp => new DashboardRankingSnapshot(sp.GetRequiredService<DashboardQueries>(), TimeProvider.System));
        return services;
    }
}
