using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>The kinds of document in the register, each a series of its own: the four escalation steps' documents
/// (their kind is the step's word) and the 简报.</summary>
public static class DocumentKinds
{
    public const string Briefing = "briefing";

    public static IReadOnlyList<string> All { get; } = [.. EscalationSteps.Ordered, Briefing];

    /// <summary>What people call a document of this kind (督办函, 通报, 约谈通知, 曝光, 简报).</summary>
    public static string Title(string kind) => kind == Briefing ? "简报" : StepTitles.Of(kind);
}

/// <summary>One document about to be issued, as the register records it.</summary>
public sealed record RegisterEntry(string Kind, int Year, string Issuer, string Title, string Recipients, IReadOnlyList<long> AssignmentIds,
    long IssuedAt, string? ApprovedBy);

/// <summary>
/// 发文登记: issuing a document takes the next number of its series (kind, year, issuing office) in the transaction
/// that issues it, so a number is never reused and the series has no gaps — a rolled-back issue gives its number
/// back with everything else. Two writers never take the same number: SQLite runs one writing transaction at a time,
/// and on PostgreSQL the register is taken under a transaction-scoped advisory lock (a unique index on the series
/// stands behind both).
/// </summary>
public static class DocumentRegister
{
    /// <summary>Holds the register until the caller's transaction ends; taken before reading whether a document is
    /// already registered, so two issuers of one document cannot both find it unregistered. Taking it again is free.</summary>
    public static async Task LockAsync(WorkflowDbContext db, CancellationToken cancel)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("a document number is taken inside the transaction that issues the document");
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync(LockSql, cancel);
    }

    /// <summary>The register's advisory lock on PostgreSQL (a constant the product uses for nothing else).</summary>
    private const string LockSql = "SELECT pg_advisory_xact_lock(7270417)";

    /// <param name="number">The printed number from the place in the series (甘安委办督函〔2024〕1号).</param>
    public static async Task<DocumentRow> IssueAsync(WorkflowDbContext db, RegisterEntry entry, Func<int, string> number, CancellationToken cancel) =>
        (await IssueAllAsync(db, [(entry, number)], cancel))[0];

    /// <summary>Issues several documents at once, numbered in the order given: each series' last number is read once,
    /// and the rows are written by one save (a morning's thousands of 督办函 in a few statements, not a read and a save
    /// each).</summary>
    public static async Task<IReadOnlyList<DocumentRow>> IssueAllAsync(WorkflowDbContext db, IReadOnlyList<(RegisterEntry Entry, Func<int, string> Number)> entries,
        CancellationToken cancel)
    {
        await LockAsync(db, cancel);
        var last = new Dictionary<(string Kind, int Year, string Issuer), int>();
        var rows = new List<DocumentRow>(entries.Count);
        foreach (var (entry, number) in entries)
        {
            var series = (entry.Kind, entry.Year, entry.Issuer);
            if (!last.TryGetValue(series, out var seq))
                seq = await db.Documents.Where(d => d.Kind == entry.Kind && d.Year == entry.Year && d.Issuer == entry.Issuer)
                    .MaxAsync(d => (int?)d.Seq, cancel) ?? 0;
            last[series] = ++seq;
            rows.Add(new DocumentRow
            {
                Kind = entry.Kind, Year = entry.Year, Issuer = entry.Issuer, Seq = seq, Number = number(seq),
                Title = entry.Title, Recipients = entry.Recipients, AssignmentIds = JsonSerializer.Serialize(entry.AssignmentIds),
                IssuedAt = entry.IssuedAt, ApprovedBy = entry.ApprovedBy,
            });
        }
        db.Documents.AddRange(rows);
        await db.SaveChangesAsync(cancel);
        return rows;
    }
}
