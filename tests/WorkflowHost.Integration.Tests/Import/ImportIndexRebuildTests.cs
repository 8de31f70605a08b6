using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WorkflowHost.DataSets;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>A first import drops the secondary indexes of the tables it fills and rebuilds them before committing: the
/// schema afterwards is exactly the migration's, and an import failing halfway leaves the schema and rows as they were.</summary>
public sealed class ImportIndexRebuildTests : IDisposable
{
    // Imported: per task a lead, its co-unit and 39 市州 — 1,806 assignments, so the failure at the 1,000th is halfway.
    private const int Units = 400;
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private static async Task<PlanImporter.Outcome> ImportAsync(BenchDatabase database, ProductSettings product, bool prepare = true)
    {
        var (plan, directory, at) = SyntheticPlan.Build(product, Units);
        await using var services = database.Services(at);
        if (prepare) await services.PrepareDatabaseAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var importer = new PlanImporter(db, services.GetRequiredService<WorkflowRuntime>());
        var outcome = await importer.ImportAsync(plan, directory);
        Assert.True(importer.Timings.IndexesRebuilt);
        return outcome;
    }

    private static async Task MigrateAsync(BenchDatabase database, ProductSettings product)
    {
        await using var services = database.Services(SyntheticPlan.Build(product, Units).ImportAt);
        await services.PrepareDatabaseAsync();
    }

    private static List<string> SqliteSchema(string file) => SqliteRows(file, "select type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') from sqlite_master order by type, name");

    private static List<string> SqliteRows(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetValue(0).ToString()!);
        return rows;
    }

    private static string SqliteFingerprint(string file) => string.Join("/", SqliteRows(file, """
        select (select count(*) from plans) || '/' || (select count(*) from units) || '/' || (select count(*) from assignments)
            || '/' || (select count(*) from timers) || '/' || (select count(*) from journal)
            || '/' || coalesce((select seq from sqlite_sequence where name = 'assignments'), 0)
        """));

    [Fact]
    public async Task Sqlite_schema_after_a_first_import_is_the_migrations()
    {
        var product = ProductSettings.Load(RepoPaths.Root);
        var database = BenchDatabase.Sqlite(product, _data.Path);
        await MigrateAsync(database, product);
        var migrated = SqliteSchema(database.SqliteFile);
        Assert.Contains(migrated, row => row.StartsWith("index ix_assignments_overdue_unit_id ", StringComparison.Ordinal));

        var outcome = await ImportAsync(database, product, prepare: false);

        Assert.True(outcome.Imported);
        Assert.Equal(migrated, SqliteSchema(database.SqliteFile));
        Assert.Equal(["ok"], SqliteRows(database.SqliteFile, "pragma integrity_check"));
        // Ids were computed, not returned row by row: still 1…n, each assignment with its timers and its journal row.
        Assert.Equal([$"{outcome.Assignments}/1/{outcome.Assignments}"], SqliteRows(database.SqliteFile, "select count(*) || '/' || min(id) || '/' || max(id) from assignments"));
        Assert.Equal(["0"], SqliteRows(database.SqliteFile, "select count(*) from assignments a where not exists (select 1 from journal j where j.assignment_id = a.id and j.event = 'started')"));
        Assert.Equal(["0"], SqliteRows(database.SqliteFile, "select count(*) from timers t where t.assignment_id is not null and not exists (select 1 from assignments a where a.id = t.assignment_id)"));
    }

    [Fact]
    public async Task Sqlite_import_failing_halfway_leaves_schema_and_rows_unchanged()
    {
        var product = ProductSettings.Load(RepoPaths.Root);
        var database = BenchDatabase.Sqlite(product, _data.Path);
        await MigrateAsync(database, product);
        // A real failure in the middle of the load, after indexes were dropped and thousands of rows were written.
        var file = new SqliteFile(_data.Path);
        file.Execute("create trigger fail_midway before insert on journal when new.assignment_id = 1000 begin select raise(abort, 'injected failure'); end");
        var schema = SqliteSchema(database.SqliteFile);
        var before = SqliteFingerprint(database.SqliteFile);

        var failure = await Assert.ThrowsAsync<SqliteException>(() => ImportAsync(database, product, prepare: false));

        Assert.Contains("injected failure", failure.Message);
        Assert.Equal(schema, SqliteSchema(database.SqliteFile));
        Assert.Equal(before, SqliteFingerprint(database.SqliteFile));

        file.Execute("drop trigger fail_midway");
        var outcome = await ImportAsync(database, product, prepare: false);
        Assert.Equal(outcome.Assignments, file.Count("select count(*) from assignments"));
    }

    [Fact]
    public async Task Postgres_indexes_and_foreign_keys_after_a_first_import_are_the_migrations_and_a_failure_leaves_them()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        var product = ProductSettings.Load(RepoPaths.Root);
        var name = new NpgsqlConnectionStringBuilder(server.ConnectionString).Database!;
        var database = new BenchDatabase(product, _data.Path, server.ConnectionString, name);
        await MigrateAsync(database, product);
        var migrated = await PostgresIndexesAsync(server.ConnectionString);
        Assert.Contains(migrated, i => i.Contains("ix_assignments_overdue_unit_id", StringComparison.Ordinal));

        await ExecuteAsync(server.ConnectionString, """
            create function fail_midway() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$;
            create trigger fail_midway before insert on journal for each row when (new.assignment_id = 1000) execute function fail_midway();
            """);
        var failure = await Assert.ThrowsAsync<PostgresException>(() => ImportAsync(database, product, prepare: false));
        Assert.Contains("injected failure", failure.Message);
        Assert.Equal(migrated, await PostgresIndexesAsync(server.ConnectionString));
        Assert.Equal(0, await server.CountAsync("select count(*) from assignments"));

        await ExecuteAsync(server.ConnectionString, "drop trigger fail_midway on journal");
        var outcome = await ImportAsync(database, product, prepare: false);
        Assert.Equal(migrated, await PostgresIndexesAsync(server.ConnectionString));
        Assert.Equal(outcome.Assignments, await server.CountAsync("select count(*) from assignments"));
        Assert.Equal(outcome.Assignments, await server.CountAsync("select count(*) from journal where event = 'started'"));
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<List<string>> PostgresIndexesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select indexname || ' ' || indexdef from pg_indexes where schemaname = current_schema()
            union all
            select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = current_schema()::regnamespace
            order by 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
