using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Which database to use (section <c>WorkflowHost:Database</c>). SQLite needs no setup: its file lives under
/// the data folder and is created on first run. PostgreSQL is the production option.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty for SQLite means <c>{DataFolder}/workflowhost.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public string ResolveConnectionString(string dataFolder) => Provider switch
    {
        DatabaseProvider.Sqlite when string.IsNullOrWhiteSpace(ConnectionString)
            => $"Data Source={Path.Combine(dataFolder, "workflowhost.db")}",
        DatabaseProvider.PostgreSql when string.IsNullOrWhiteSpace(ConnectionString)
            => throw new InvalidOperationException("WorkflowHost:Database:ConnectionString is required when Provider is PostgreSql"),
        _ => ConnectionString!,
    };

    public void Configure(DbContextOptionsBuilder builder, string dataFolder)
    {
        var connectionString = ResolveConnectionString(dataFolder);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                Directory.CreateDirectory(dataFolder);
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("WorkflowHost.Migrations.Sqlite"));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("WorkflowHost.Migrations.PostgreSql"));
                break;
            default:
                throw new InvalidOperationException($"unknown database provider '{Provider}'");
        }
    }
}
