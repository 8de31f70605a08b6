using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// How counts kept by triggers take in the changes the triggers appended — one mechanism for the board's counts
/// (<see cref="BoardCounts"/>) and the units' tallies (<see cref="UnitTallies"/>). On SQLite the fold's transaction holds
/// the one write lock from its first statement, so the changes it sums are exactly those it deletes; on PostgreSQL one
/// statement deletes the changes and adds what it deleted, and an advisory lock per table keeps two folds apart (two
/// upserts of the same rows in different orders could deadlock).
/// </summary>
public static class ChangeFold
{
    /// <summary>The fold's transaction, or null on PostgreSQL when another fold of the same counts holds
    /// <paramref name="lockKey"/> (this one then has nothing to do).</summary>
    public static async Task<IDbContextTransaction?> BeginAsync(WorkflowDbContext db, long lockKey, CancellationToken cancel)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancel);
        if (!db.Database.IsNpgsql()
            || await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", lockKey).SingleAsync(cancel))
            return transaction;
        await transaction.DisposeAsync();
        return null;
    }

    /// <summary>Adds the rows of <paramref name="changes"/> to <paramref name="kept"/> by <paramref name="keys"/> (columns
    /// both tables have) and empties <paramref name="changes"/>, inside <see cref="BeginAsync"/>'s transaction; returns
    /// how many rows of <paramref name="kept"/> it changed. <paramref name="measures"/>: each kept column with the change
    /// column added to it.</summary>
    public static async Task<int> MoveAsync(WorkflowDbContext db, string changes, string kept, string keys,
        IReadOnlyList<(string Kept, string Change)> measures, CancellationToken cancel)
    {
        var keptColumns = string.Join(", ", measures.Select(m => m.Kept));
        var changeColumns = string.Join(", ", measures.Select(m => m.Change));
        var sums = string.Join(", ", measures.Select(m => $"SUM({m.Change})"));
        var added = string.Join(", ", measures.Select(m => $"{m.Kept} = {kept}.{m.Kept} + excluded.{m.Kept}"));
        // Table and column names only, from the callers' constants: nothing in this SQL comes from a user.
        if (db.Database.IsNpgsql())
        {
            var deleteAndAdd = $"""
                WITH moved AS (DELETE FROM {changes} RETURNING {keys}, {changeColumns})
                INSERT INTO {kept} ({keys}, {keptColumns})
                SELECT {keys}, {sums} FROM moved GROUP BY {keys}
                ON CONFLICT ({keys}) DO UPDATE SET {added}
                """;
            return await db.Database.ExecuteSqlRawAsync(deleteAndAdd, cancel);
        }
        // "WHERE true": SQLite's parser needs it between a SELECT … GROUP BY and an upsert's ON CONFLICT.
        var add = $"""
            INSERT INTO {kept} ({keys}, {keptColumns})
            SELECT {keys}, {sums} FROM {changes} WHERE true GROUP BY {keys}
            ON CONFLICT ({keys}) DO UPDATE SET {added}
            """;
        var delete = $"DELETE FROM {changes}";
        var moved = await db.Database.ExecuteSqlRawAsync(add, cancel);
        await db.Database.ExecuteSqlRawAsync(delete, cancel);
        return moved;
    }
}
