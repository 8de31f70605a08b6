using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Persistence;

public static class DatabaseSetup
{
    /// <summary>Brings the schema up to date and makes the audit table append-only. On SQLite, switches to write-ahead logging so that readers (the web
    /// app) never wait for the engine's writes; the setting is stored in the file, so once is enough.</summary>
    public static async Task MigrateAsync(WorkflowDbContext db, CancellationToken cancel = default)
    {
        // At most starts the schema is current: then only the history table is read. MigrateAsync would also take the
        // migration lock and compare the whole model with the migrations' snapshot (EF's pending-model-changes check),
        // about a third of the host's start-up; that check still runs whenever there is a migration to apply.
        if (!await IsCurrentAsync(db, cancel))
        {
            await db.Database.MigrateAsync(cancel);
            await Audit.AuditAppendOnly.InstallAsync(db, cancel);
        }
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancel);
    }

    /// <summary>Whether every migration of the assembly is in the history table (none is, for a new database).</summary>
    private static async Task<bool> IsCurrentAsync(WorkflowDbContext db, CancellationToken cancel)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancel)).ToHashSet(StringComparer.Ordinal);
        return applied.Count > 0 && db.Database.GetMigrations().All(applied.Contains);
    }
}
