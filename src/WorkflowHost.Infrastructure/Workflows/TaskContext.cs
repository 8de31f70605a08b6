using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>What a timer needs of its assignment's task and plan. Tasks are few (tens per plan), so a batch reads them
/// all in one small query instead of joining them onto every assignment.</summary>
public sealed record TaskContext(int No, string ReportingCadence, int Year)
{
    public static async Task<Dictionary<long, TaskContext>> LoadAsync(WorkflowDbContext db, CancellationToken cancel) =>
        await (from t in db.PlanTasks join p in db.Plans on t.PlanId equals p.Id select new { t.Id, t.No, t.ReportingCadence, p.Year })
            .AsNoTracking().ToDictionaryAsync(x => x.Id, x => new TaskContext(x.No, x.ReportingCadence, x.Year), cancel);
}
