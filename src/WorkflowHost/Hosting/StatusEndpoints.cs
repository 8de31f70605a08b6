using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Hosting;

public static class StatusEndpoints
{
    /// <summary><c>GET /api/status</c>: what is loaded, for people and for health checks.</summary>
    public static void MapStatusEndpoints(this WebApplication app)
    {
        app.MapGet("/api/status", async (WorkflowDbContext db, CancellationToken cancel) => new
        {
            plans = await db.Plans.AsNoTracking().Select(p => new { p.Year, p.Title, p.Issuer, p.IssuedOn, tasks = p.Tasks.Count }).ToListAsync(cancel),
            units = await db.Units.CountAsync(cancel),
            assignments = await db.Assignments.CountAsync(cancel),
        }).AllowAnonymous();
    }
}
