using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Audit;

/// <summary>
/// The database itself refuses to change or remove audit entries (triggers on the <c>audit</c> table), so no code
/// path, mistaken script or ordinary account can shorten the 180 days MLPS 2.0 asks to keep. Someone with the rights
/// to drop the triggers can still tamper; the hash chain (<see cref="AuditChain"/>) is what then shows it.
/// Installed (idempotently) whenever migrations are applied, outside them: regenerating the migrations cannot lose it.
/// </summary>
public static class AuditAppendOnly
{
    public const string Refusal = "the audit log is append-only";

    public static Task InstallAsync(DbContext db, CancellationToken cancel = default) =>
        db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? Sqlite : Postgres, cancel);

    private const string Sqlite = $"""
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """;

    private const string Postgres = $"""
        CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
        'BEGIN RAISE EXCEPTION ''{Refusal}''; END';
        CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
        """;
}
