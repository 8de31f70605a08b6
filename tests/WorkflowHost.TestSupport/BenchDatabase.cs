using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WorkflowHost.Cli;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.DataSets;

/// <summary>One benchmark database: an SQLite file in a folder of its own, or a PostgreSQL database created for the
/// run and dropped after it. <see cref="Services"/> gives the product's own engine on it with a stopped virtual clock
/// at a chosen instant.</summary>
public sealed class BenchDatabase(ProductSettings product, string folder, string? postgresAdmin, string? postgresName)
{
    public string Folder => folder;
    public bool IsPostgres => postgresAdmin is not null;
    public string SqliteFile => Path.Combine(folder, "workflowhost.db");

    public static BenchDatabase Sqlite(ProductSettings product, string folder)
    {
        Directory.CreateDirectory(folder);
        return new BenchDatabase(product, folder, null, null);
    }

    public static async Task<BenchDatabase> PostgresAsync(ProductSettings product, string folder, string adminConnectionString, CancellationToken cancel)
    {
        var name = "wh_bench_" + Guid.NewGuid().ToString("N")[..10];
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync(cancel);
        await using var create = new NpgsqlCommand($"create database {name}", admin);
        await create.ExecuteNonQueryAsync(cancel);
        Directory.CreateDirectory(folder);
        return new BenchDatabase(product, folder, adminConnectionString, name);
    }

    public string ConnectionString => IsPostgres
        ? new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = postgresName }.ConnectionString
        : $"Data Source={SqliteFile}";

    /// <param name="more">Further configuration for one measure (the mail morning's SMTP server).</param>
    public ProductSettings Settings(DateTimeOffset clock, IReadOnlyDictionary<string, string?>? more = null) => ProductSettings.Load(product.Root, new ConfigurationBuilder()
        .AddConfiguration(product.Configuration)
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WorkflowHost:DataFolder"] = folder,
            ["WorkflowHost:Plan"] = "",
            ["WorkflowHost:Database:Provider"] = IsPostgres ? "PostgreSql" : "Sqlite",
            ["WorkflowHost:Database:ConnectionString"] = IsPostgres ? ConnectionString : "",
            ["WorkflowHost:Clock:Mode"] = "Virtual",
            ["WorkflowHost:Clock:Start"] = clock.ToString("O"),
            ["WorkflowHost:Clock:Speed"] = "0",
        })
        .AddInMemoryCollection(more ?? new Dictionary<string, string?>())
        .Build());

    public ServiceProvider Services(DateTimeOffset clock, IReadOnlyDictionary<string, string?>? more = null) => EngineServiceProvider.Create(Settings(clock, more));

    /// <summary>A copy of this SQLite database (write-ahead log folded in first), for a measure that must start from the
    /// same rows.</summary>
    public BenchDatabase CopyTo(string copyFolder)
    {
        if (IsPostgres) throw new InvalidOperationException("only SQLite databases are copied");
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(copyFolder);
        File.Copy(SqliteFile, Path.Combine(copyFolder, "workflowhost.db"), overwrite: true);
        return Sqlite(product, copyFolder);
    }

    /// <summary>A copy of this PostgreSQL database (<c>CREATE DATABASE … TEMPLATE</c>; no one may be connected to it
    /// meanwhile, so the pools are cleared first).</summary>
    public async Task<BenchDatabase> CopyToAsync(string copyFolder, CancellationToken cancel)
    {
        if (!IsPostgres) return CopyTo(copyFolder);
        NpgsqlConnection.ClearAllPools();
        var name = "wh_bench_" + Guid.NewGuid().ToString("N")[..10];
        await using var admin = new NpgsqlConnection(postgresAdmin);
        await admin.OpenAsync(cancel);
        await using var create = new NpgsqlCommand($"create database {name} template {postgresName}", admin);
        await create.ExecuteNonQueryAsync(cancel);
        Directory.CreateDirectory(copyFolder);
        return new BenchDatabase(product, copyFolder, postgresAdmin, name);
    }

    public async Task<long> ScalarAsync(ServiceProvider services, string sql, CancellationToken cancel)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel));
    }

    public async Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (IsPostgres)
        {
            await using var admin = new NpgsqlConnection(postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {postgresName} with (force)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
