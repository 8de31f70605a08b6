using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// Set-based reads and writes for the engine's hot paths, on the EF context's own connection and transaction (so they
/// commit or roll back with everything else the context does). One implementation per provider: SQLite reuses
/// prepared statements inside the transaction; PostgreSQL sends whole arrays (<c>unnest</c>) in one round trip.
/// </summary>
public interface IBulkStore : IAsyncDisposable
{
    /// <summary>Pending timers due at <paramref name="nowMs"/>, oldest first (then by id). On PostgreSQL the rows are
    /// locked, skipping rows another node holds, so several hosts share a storm without firing a timer twice.</summary>
    Task<List<DueTimer>> ClaimDueAsync(long nowMs, int limit, CancellationToken cancel);

    /// <summary>These timers, if still pending, oldest first (on PostgreSQL locked, skipping rows another node holds,
    /// like <see cref="ClaimDueAsync"/>): the part of a failed batch the engine runs again to find the failing timer.</summary>
    Task<List<DueTimer>> ClaimAsync(IReadOnlyCollection<long> ids, CancellationToken cancel);

    Task<Dictionary<long, AssignmentSnapshot>> AssignmentsAsync(IReadOnlyCollection<long> ids, CancellationToken cancel);

    /// <summary>Which (assignment, period) pairs among these have a report.</summary>
    Task<HashSet<(long AssignmentId, string Period)>> ReportedAsync(IReadOnlyCollection<long> ids, IReadOnlyCollection<string> periods, CancellationToken cancel);

    /// <summary>Writes a batch. Throws <see cref="DbUpdateConcurrencyException"/> when an assignment's version moved
    /// since it was read (a person's command won the race); the caller's transaction then rolls back whole.</summary>
    Task WriteAsync(TimerBatchWrites writes, CancellationToken cancel);

    /// <summary>Drops the secondary indexes of these tables (not primary keys) — on PostgreSQL their foreign keys too —
    /// and returns the statements that recreate them exactly, for a bulk load into empty tables. Inside the
    /// transaction: a rollback restores them.</summary>
    Task<IReadOnlyList<string>> DropIndexesAsync(IReadOnlyList<string> tables, CancellationToken cancel);

    /// <summary>Runs the statements <see cref="DropIndexesAsync"/> returned.</summary>
    Task CreateIndexesAsync(IReadOnlyList<string> definitions, CancellationToken cancel);

    /// <summary>Inserts units; returns their ids in input order.</summary>
    Task<long[]> InsertUnitsAsync(IReadOnlyList<NewUnit> rows, CancellationToken cancel);

    /// <summary>Sets each of these units' parent (null: none), in one statement on PostgreSQL and one prepared statement
    /// reused per row on SQLite.</summary>
    Task SetUnitParentsAsync(IReadOnlyList<UnitParent> rows, CancellationToken cancel);

    /// <summary>Inserts assignments; returns their ids in input order.</summary>
    Task<long[]> InsertAssignmentsAsync(IReadOnlyList<NewAssignment> rows, CancellationToken cancel);

    Task InsertTimersAsync(IReadOnlyList<NewTimer> rows, CancellationToken cancel);

    Task InsertJournalAsync(IReadOnlyList<NewJournal> rows, CancellationToken cancel);
}

public static class BulkStore
{
    /// <summary>The bulk store for the context's provider, inside its current transaction (which must exist: bulk
    /// writes outside a transaction would commit row by row).</summary>
    public static IBulkStore For(WorkflowDbContext db)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("bulk writes need a transaction: call BeginTransactionAsync first");
        DbConnection connection = db.Database.GetDbConnection();
        return db.Database.IsNpgsql()
            ? new PostgresBulkStore((Npgsql.NpgsqlConnection)connection, (Npgsql.NpgsqlTransaction)transaction)
            : new SqliteBulkStore((Microsoft.Data.Sqlite.SqliteConnection)connection, (Microsoft.Data.Sqlite.SqliteTransaction)transaction);
    }

    public static DbUpdateConcurrencyException Conflict(string what) =>
        new($"{what} changed since the batch read it; the batch is rolled back and runs again on fresh rows");
}
