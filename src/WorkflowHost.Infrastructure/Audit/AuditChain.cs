using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Audit;

/// <summary>What <see cref="AuditChain.VerifyAsync"/> found: how many entries, the hash at the head (record it
/// elsewhere to detect a truncated tail later), and the first entry that does not fit, if any.</summary>
public sealed record AuditVerification(long Entries, string Head, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// The audit log is append-only and hash-chained: each entry's hash covers its content and the previous entry's
/// hash, so changing, removing or reordering any entry breaks every hash after it. Nothing in the product deletes
/// audit entries (retention is unlimited, beyond the 180 days MLPS 2.0 asks for).
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long ChainLock = 0x5746_4155_4449_54; // "WFAUDIT": the PostgreSQL advisory lock serializing appends

    /// <summary>Appends an entry, chained to the entry before it, inside the caller's transaction or, without one, a
    /// transaction of its own. Appends are serialized (SQLite: one writer; PostgreSQL: a transaction-scoped advisory
    /// lock) so the chain never forks.</summary>
    public static async Task AppendAsync(WorkflowDbContext db, AuditRow entry, CancellationToken cancel = default)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancel) : null;
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"select pg_advisory_xact_lock({ChainLock})", cancel);
        var previous = await db.Audit.OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(cancel);
        entry.PreviousHash = previous ?? Genesis;
        entry.Hash = HashOf(entry);
        db.Audit.Add(entry);
        await db.SaveChangesAsync(cancel);
        if (own is not null) await own.CommitAsync(cancel);
    }

    public static string HashOf(AuditRow entry)
    {
        var content = string.Join('\u001f',
            entry.PreviousHash, entry.At.ToString(CultureInfo.InvariantCulture), entry.User, entry.Role, entry.UnitId?.ToString(CultureInfo.InvariantCulture),
            entry.Action, entry.Target, entry.Outcome, entry.Detail, entry.RemoteAddress);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>Walks the whole log in order, recomputing every hash.</summary>
    public static async Task<AuditVerification> VerifyAsync(WorkflowDbContext db, CancellationToken cancel = default)
    {
        var expectedPrevious = Genesis;
        long count = 0;
        await foreach (var entry in db.Audit.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancel))
        {
            count++;
            if (entry.PreviousHash != expectedPrevious)
                return new AuditVerification(count, expectedPrevious, entry.Id,
                    $"entry {entry.Id} does not follow the entry before it: an entry before it was removed, inserted or reordered");
            if (HashOf(entry) != entry.Hash)
                return new AuditVerification(count, expectedPrevious, entry.Id, $"entry {entry.Id} was changed after it was written (its hash does not match its content)");
            expectedPrevious = entry.Hash!;
        }
        return new AuditVerification(count, expectedPrevious, null, null);
    }
}
