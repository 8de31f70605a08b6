using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Hosting;

public static class StatusEndpoints
{
    /// <summary><c>GET /api/status</c>: what is loaded, for people and for health checks. Anonymous and polled, so the
    /// assignment count comes from the dashboard's counts snapshot (recounted at most every 10 s) rather than a count of
    /// a million rows per call; <c>countedAt</c> says when it was taken.</summary>
    public static void MapStatusEndpoints(this WebApplication app)
    {
        app.MapGet("/api/status", async (WorkflowDbContext db, DashboardCountsSnapshot counts, CancellationToken cancel) =>
        {
            var (snapshot, countedAt) = await counts.GetAsync(cancel);
            return new
            {
                plans = await db.Plans.AsNoTracking().Select(p => new { p.Year, p.Title, p.Issuer, p.IssuedOn, tasks = p.Tasks.Count }).ToListAsync(cancel),
                units = await db.Units.CountAsync(cancel),
                assignments = snapshot.Assignments,
                countedAt,
                // Timers set aside because their handling failed (see `incidents`): 0 on a healthy engine.
                incidents = await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open, cancel),
            };
        }).AllowAnonymous();
    }
}
