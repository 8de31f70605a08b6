using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Persistence;

public static class DatabaseSetup
{
    /// <summary>Brings the schema up to date and makes the audit table append-only. On SQLite, switches to write-ahead logging so that readers (the web
    /// app) never wait for the engine's writes; the setting is stored in the file, so once is enough.</summary>
    public static async Task MigrateAsync(WorkflowDbContext db, CancellationToken cancel = default)
    {
        await db.Database.MigrateAsync(cancel);
        await Audit.AuditAppendOnly.InstallAsync(db, cancel);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancel);
    }
}
