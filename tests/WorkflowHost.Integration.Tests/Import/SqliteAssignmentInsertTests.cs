using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.DataSets;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Persistence.Bulk;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>SQLite's bulk insert of assignments sends a row's unit and parent as one integer when they fit, and as a
/// JSON array when they do not: both write the same columns, in input order, with consecutive ids.</summary>
public sealed class SqliteAssignmentInsertTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Rows_whose_ids_do_not_fit_the_packed_form_go_in_as_arrays_with_the_same_columns()
    {
        var product = ProductSettings.Load(RepoPaths.Root);
        var database = BenchDatabase.Sqlite(product, _data.Path);
        var (plan, directory, at) = SyntheticPlan.Build(product, 40);
        await using var services = database.Services(at);
        await services.PrepareDatabaseAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await new PlanImporter(db, services.GetRequiredService<WorkflowRuntime>()).ImportAsync(plan, directory);
        const long bigUnit = 1L << 31;
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO units (id, email, in_regions_rule, kind, name) VALUES ({bigUnit}, 'big@example.org', 0, 'department', '大编号单位')");
        var task = await db.PlanTasks.OrderBy(t => t.No).Select(t => t.Id).FirstAsync();
        var parent = await db.Assignments.Where(a => a.TaskId == task).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var usedUnits = await db.Assignments.Where(a => a.TaskId == task).Select(a => a.UnitId).ToListAsync();
        var free = await db.Units.Where(u => !usedUnits.Contains(u.Id) && u.Id < bigUnit).OrderBy(u => u.Id).Select(u => u.Id).Take(3).ToListAsync();
        DateOnly due = new(2024, 6, 30);
        NewAssignment Row(long unit, long? parentId) => new(task, unit, "handed-down", "dated-task", 2, "in-progress", due, 1_700_000_000_000, parentId);
        // One run (same task, role and start): packable, then one that is not, then packable again.
        NewAssignment[] rows = [Row(free[0], parent), Row(free[1], null), Row(bigUnit, parent), Row(free[2], parent)];

        long[] ids;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await using (var store = BulkStore.For(db))
                ids = await store.InsertAssignmentsAsync(rows, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal(Enumerable.Range(0, 4).Select(i => ids[0] + i), ids);
        var stored = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(ids, stored.Select(a => a.Id));
        Assert.Equal(rows.Select(r => (r.UnitId, r.ParentId)), stored.Select(a => (a.UnitId, a.ParentId)));
        Assert.All(stored, a =>
        {
            Assert.Equal((task, "handed-down", "dated-task", 2, "in-progress", (DateOnly?)due), (a.TaskId, a.Role, a.DefinitionId, a.DefinitionVersion, a.State, a.DueDate));
            Assert.Equal(((long?)1_700_000_000_000L, 1, false, 0, (long?)null), (a.StartedAt, a.Version, a.PastDue, a.MissedReports, a.ClosedAt));
        });
    }
}
