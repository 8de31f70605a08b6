using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowHost.DataSets;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>
/// SQLite writes an import's rows set-based (a run of shares as one JSON array, their timers and <c>started</c> journal
/// rows generated from one template per run); PostgreSQL streams every row through COPY, one row at a time, as both did
/// before. The same tree-shaped plan imported and handed down on both must leave the same rows — units and their
/// parents, assignments with roles and parents, timers, journal — down to their ids and order.
/// </summary>
public sealed class ImportedTreeRowsTests : IDisposable
{
    // 100 units: departments with co-units under their leads, 市州 with their 县区 (every share handed down).
    private const int Units = 100;
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Sqlite_set_based_import_and_hand_down_write_the_rows_postgresql_writes_row_by_row()
    {
        var product = ProductSettings.Load(RepoPaths.Root);
        var sqlite = await ImportTreeAsync(BenchDatabase.Sqlite(product, Path.Combine(_data.Path, "sqlite")), product);

        await using var server = await PostgresServer.CreateDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(server.ConnectionString).Database!;
        var postgres = await ImportTreeAsync(new BenchDatabase(product, Path.Combine(_data.Path, "postgres"), server.ConnectionString, name), product);
        NpgsqlConnection.ClearAllPools();

        // The tree is there at all: co-units under a lead, 县区 under a 市州, every share started with its timers.
        Assert.Contains(sqlite.Assignments, a => a.Contains("|handed-down|", StringComparison.Ordinal));
        Assert.True(sqlite.Assignments.Count(a => !a.EndsWith("|", StringComparison.Ordinal)) > sqlite.Assignments.Count / 2, "most shares have a parent");
        Assert.True(sqlite.Timers.Count >= 2 * sqlite.Assignments.Count);
        Assert.Equal(sqlite.Assignments.Count, sqlite.Journal.Count);

        Assert.Equal(postgres.Units, sqlite.Units);
        Assert.Equal(postgres.Assignments, sqlite.Assignments);
        Assert.Equal(postgres.Timers, sqlite.Timers);
        Assert.Equal(postgres.Journal, sqlite.Journal);
    }

    private sealed record Rows(List<string> Units, List<string> Assignments, List<string> Timers, List<string> Journal);

    private static async Task<Rows> ImportTreeAsync(BenchDatabase database, ProductSettings product)
    {
        var (plan, directory, importAt) = SyntheticPlan.Build(product, Units);
        await using var services = database.Services(importAt);
        await services.PrepareDatabaseAsync();
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var outcome = await new PlanImporter(db, services.GetRequiredService<WorkflowRuntime>()).ImportAsync(plan, directory);
            Assert.True(outcome.Imported);
        }
        Assert.True(await SyntheticHandDown.RunAsync(services, default) > 0);

        await using var read = await factory.CreateDbContextAsync();
        return new Rows(
            await Lines(read.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Name, u.Kind, u.ParentId })),
            await Lines(read.Assignments.AsNoTracking().OrderBy(a => a.Id).Select(a => new
            {
                a.Id, a.TaskId, a.UnitId, a.Role, a.DefinitionId, a.DefinitionVersion, a.State, a.DueDate, a.PastDue, a.MissedReports, a.Version,
                a.StartedAt, a.ParentId,
            })),
            await Lines(read.Timers.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.AssignmentId, t.Name, t.Kind, t.Chain, t.Period, t.DueAt, t.Status, t.FiredAt })),
            await Lines(read.Journal.AsNoTracking().OrderBy(j => j.Id).Select(j => new
            {
                j.Id, j.AssignmentId, j.At, j.Actor, j.Event, j.FromState, j.ToState, j.Reason, j.Data, j.TimerId,
            })));
    }

    /// <summary>Each row as one line of its values (the last one the parent, where a row has one), to compare whole tables.</summary>
    private static async Task<List<string>> Lines<T>(IQueryable<T> query) =>
        (await query.ToListAsync()).Select(row => string.Join("|", typeof(T).GetProperties().Select(p => p.GetValue(row)?.ToString() ?? ""))).ToList();
}
