using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Persistence.Bulk;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.DataSets;

/// <summary>
/// 下达 at national scale: every 市州 hands each of its shares down to all its 县区, the internal deadline its own (0
/// working days before), as the task was imported. Written in chunks by the same <see cref="StartedAssignmentWriter"/>
/// the import uses — a child row with the parent's workflow started (initial state, first timers, <c>started</c>
/// journal row), role 下达, parent the 市州's share — in one transaction. What the product's <c>HandDown</c> command
/// writes besides (the parent's 下达 journal row, one mail per county) is left out: a data set of a million shares is
/// not a million mails, and the measures that use it read the tree, not the mail.
/// </summary>
public static class SyntheticHandDown
{
    /// <returns>The child assignments written.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancel, Infrastructure.Plans.ImportTimings? timings = null)
    {
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        var countiesOf = (await db.Units.AsNoTracking().Where(u => u.ParentId != null).OrderBy(u => u.Id)
            .Select(u => new { u.Id, Parent = u.ParentId!.Value }).ToListAsync(cancel)).ToLookup(u => u.Parent, u => u.Id);
        var tasks = await (from t in db.PlanTasks.AsNoTracking() join p in db.Plans.AsNoTracking() on t.PlanId equals p.Id orderby t.No
                           select new { t.Id, t.DeadlineKind, t.DueDate, t.ReportingCadence, p.Year }).ToListAsync(cancel);
        var region = AssignmentRole.Region.ToWireName();
        var handedDown = AssignmentRole.HandedDown.ToWireName();
        // Every 市州's share of every task, read once (not a query per task), in the order the shares were written.
        var citiesOf = (await db.Assignments.AsNoTracking().Where(a => a.Role == region).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.TaskId, a.UnitId }).ToListAsync(cancel)).ToLookup(a => a.TaskId);
        var existing = await db.Assignments.CountAsync(cancel);
        var adding = citiesOf.Sum(shares => shares.Sum(city => countiesOf[city.UnitId].Count()));
        var now = runtime.Clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var written = 0;
        await using (var store = BulkStore.For(db))
        {
            // A bulk load that adds more rows than the tables hold (nine 县区 shares per 市州 share) builds their
            // secondary indexes once, sorted, after it — as the plan import does on a first import — instead of
            // inserting into each index row by row (measured at 5,000 units on a quiet machine: 2.4 s against 3.8–5.1 s).
            // Inside the transaction: a failure leaves the indexes as they were. Keeping them all, or all but the one
            // whose key arrives out of order (units), measured worse at 5,000 units (issue 17, under load 13–20): the
            // kept indexes' pages are dirtied again after the page cache spilled them, so the 下达 wrote 322–359 MB
            // against 289 MB and read 225–252 MB against 176 MB, for no less CPU.
            var phase = System.Diagnostics.Stopwatch.GetTimestamp();
            IReadOnlyList<string> indexes = adding > existing ? await store.DropIndexesAsync(["assignments", "timers", "journal"], cancel) : [];
            timings?.AddDropIndexes(phase);
            var writer = new StartedAssignmentWriter(store, UnixTime.Of(now), timings);
            foreach (var task in tasks)
            {
                var start = WorkflowStart.For(runtime, task.DeadlineKind, task.DueDate, task.ReportingCadence, task.Year, now);
                foreach (var city in citiesOf[task.Id])
                    foreach (var county in countiesOf[city.UnitId])
                        await writer.AddAsync(task.Id, county, handedDown, start, cancel, city.Id);
            }
            await writer.FlushAsync(cancel);
            written = writer.Written;
            phase = System.Diagnostics.Stopwatch.GetTimestamp();
            await store.CreateIndexesAsync(indexes, cancel);
            timings?.AddCreateIndexes(phase);
        }
        await transaction.CommitAsync(cancel);
        return written;
    }
}
