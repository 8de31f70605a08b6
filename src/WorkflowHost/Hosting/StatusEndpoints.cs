using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Hosting;

public static class StatusEndpoints
{
    /// <summary><c>GET /api/status</c>: what is loaded, for people and for health checks. Anonymous and polled, so the
    /// assignment count is recounted at most every 10 s (<see cref="AssignmentCount"/>) rather than a count of a million
    /// rows per call; <c>countedAt</c> says when it was taken.</summary>
    public static void MapStatusEndpoints(this WebApplication app)
    {
        app.MapGet("/api/status", async (WorkflowDbContext db, AssignmentCount running, CancellationToken cancel) =>
        {
            var (assignments, countedAt) = await running.GetAsync(cancel);
            return new
            {
                plans = await db.Plans.AsNoTracking().Select(p => new { p.Year, p.Title, p.Issuer, p.IssuedOn, tasks = p.Tasks.Count }).ToListAsync(cancel),
                units = await db.Units.CountAsync(cancel),
                assignments,
                countedAt,
                // Timers set aside because their handling failed (see `incidents`): 0 on a healthy engine.
                incidents = await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open, cancel),
            };
        }).AllowAnonymous();
    }
}
