using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Views;

/// <summary>An imported plan as the board's plan filter offers it (plans of several years live side by side).</summary>
public sealed record PlanChoice(int Year, string Title)
{
    /// <summary>Every imported plan, newest year first: a handful of rows.</summary>
    public static async Task<IReadOnlyList<PlanChoice>> ListAsync(IServiceProvider services, CancellationToken cancel)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        return await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new PlanChoice(p.Year, p.Title)).ToListAsync(cancel);
    }
}
