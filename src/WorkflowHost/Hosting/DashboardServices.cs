using WorkflowHost.Infrastructure.Dashboard;

namespace WorkflowHost.Hosting;

public static class DashboardServices
{
    /// <summary>The board's SQL (<see cref="FilteredBoardQueries"/>), the counts the database keeps for it
    /// (<see cref="BoardCounts"/>) and the ranking (<see cref="UnitTallies"/>), both folded after each engine run, and the status page's running count,
    /// recounted on the real clock.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<FilteredBoardQueries>();
        services.AddSingleton<BoardCounts>();
        services.AddSingleton<UnitTallies>();
        services.AddSingleton(sp => new AssignmentCount(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowHost.Infrastructure.Persistence.WorkflowDbContext>>(), TimeProvider.System));
        return services;
    }
}
