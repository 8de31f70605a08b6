using System.Data.Common;

namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// The hot path's reads, written once for both databases; what differs between them is each store's (the dialect): how
/// a parameter is written, how a set of values is passed (a JSON array on SQLite, an array on PostgreSQL), whether a
/// claim locks its rows, and how a batch's rows are written (prepared statements row by row on SQLite's one writer,
/// arrays and COPY in a few round trips on PostgreSQL). Quartz.NET splits its job store the same way (StdAdoDelegate,
/// PostgreSQLDelegate).
/// </summary>
public abstract class BulkStoreBase : IBulkStore
{
    /// <summary>A timer row as the engine claims it (<see cref="DueTimer.Read"/> reads them in this order).</summary>
    private const string TimerColumns = "id, assignment_id, name, kind, chain, period, due_at";

    /// <summary>An assignment as a timer needs it (<see cref="AssignmentSnapshot.Read"/> reads them in this order).</summary>
    private const string AssignmentColumns = "id, task_id, unit_id, definition_id, definition_version, state, due_date, past_due, missed_reports, version";

    protected abstract DbCommand Command(string sql);

    /// <summary>A parameter as the SQL text refers to it.</summary>
    protected abstract string Parameter(string name);

    /// <summary>The condition that <paramref name="column"/> is one of the values of a set parameter.</summary>
    protected abstract string InSet(string column, string parameter);

    protected abstract void AddValue(DbCommand command, string name, object value);

    protected abstract void AddSet(DbCommand command, string name, IReadOnlyCollection<long> values);

    protected abstract void AddSet(DbCommand command, string name, IReadOnlyCollection<string> values);

    /// <summary>What a claim appends to lock its rows against the other nodes, skipping those they hold; empty where
    /// the database has one writer at a time.</summary>
    protected abstract string ClaimLock { get; }

    public async Task<List<DueTimer>> ClaimDueAsync(long nowMs, int limit, CancellationToken cancel)
    {
        await using var command = Command($"""
            SELECT {TimerColumns} FROM timers
            WHERE status = 0 AND due_at <= {Parameter("now")} ORDER BY due_at, id LIMIT {Parameter("limit")}{ClaimLock}
            """);
        AddValue(command, "now", nowMs);
        AddValue(command, "limit", limit);
        return await ReadTimersAsync(command, limit, cancel);
    }

    /// <remarks>The state is tested as <c>+status</c> so that no planner reaches for the index of every pending timer
    /// (SQLite did, and a half of a failing batch then read all of them): these rows are found by their ids.</remarks>
    public async Task<List<DueTimer>> ClaimAsync(IReadOnlyCollection<long> ids, CancellationToken cancel)
    {
        await using var command = Command($"""
            SELECT {TimerColumns} FROM timers
            WHERE +status = 0 AND {InSet("id", "ids")} ORDER BY due_at, id{ClaimLock}
            """);
        AddSet(command, "ids", ids);
        return await ReadTimersAsync(command, ids.Count, cancel);
    }

    private static async Task<List<DueTimer>> ReadTimersAsync(DbCommand command, int expected, CancellationToken cancel)
    {
        var due = new List<DueTimer>(Math.Min(expected, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            due.Add(DueTimer.Read(reader));
        return due;
    }

    public async Task<Dictionary<long, AssignmentSnapshot>> AssignmentsAsync(IReadOnlyCollection<long> ids, CancellationToken cancel)
    {
        await using var command = Command($"SELECT {AssignmentColumns} FROM assignments WHERE {InSet("id", "ids")}");
        AddSet(command, "ids", ids);
        var found = new Dictionary<long, AssignmentSnapshot>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            var row = AssignmentSnapshot.Read(reader);
            found[row.Id] = row;
        }
        return found;
    }

    public async Task<HashSet<(long AssignmentId, string Period)>> ReportedAsync(IReadOnlyCollection<long> ids, IReadOnlyCollection<string> periods, CancellationToken cancel)
    {
        var reported = new HashSet<(long, string)>();
        if (ids.Count == 0 || periods.Count == 0) return reported;
        await using var command = Command($"SELECT DISTINCT assignment_id, period FROM reports WHERE {InSet("assignment_id", "ids")} AND {InSet("period", "periods")}");
        AddSet(command, "ids", ids);
        AddSet(command, "periods", periods);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) reported.Add((reader.GetInt64(0), reader.GetString(1)));
        return reported;
    }

    public abstract Task WriteAsync(TimerBatchWrites writes, CancellationToken cancel);
    public abstract Task<IReadOnlyList<string>> DropIndexesAsync(IReadOnlyList<string> tables, CancellationToken cancel);
    public abstract Task CreateIndexesAsync(IReadOnlyList<string> definitions, CancellationToken cancel);
    public abstract Task<long[]> InsertUnitsAsync(IReadOnlyList<NewUnit> rows, CancellationToken cancel);
    public abstract Task SetUnitParentsAsync(IReadOnlyList<UnitParent> rows, CancellationToken cancel);
    public abstract Task<long[]> InsertAssignmentsAsync(IReadOnlyList<NewAssignment> rows, CancellationToken cancel);
    public abstract Task InsertTimersAsync(IReadOnlyList<NewTimer> rows, CancellationToken cancel);
    public abstract Task InsertJournalAsync(IReadOnlyList<NewJournal> rows, CancellationToken cancel);

    /// <summary>Row by row through <see cref="InsertTimersAsync"/> (PostgreSQL's COPY is already a stream of rows).</summary>
    public virtual Task InsertTimersForEachAsync(IReadOnlyList<long> assignmentIds, IReadOnlyList<NewTimer> template, CancellationToken cancel)
    {
        var rows = new List<NewTimer>(assignmentIds.Count * template.Count);
        foreach (var id in assignmentIds)
            foreach (var t in template) rows.Add(t with { AssignmentId = id });
        return InsertTimersAsync(rows, cancel);
    }

    /// <summary>Row by row through <see cref="InsertJournalAsync"/>.</summary>
    public virtual Task InsertJournalForEachAsync(IReadOnlyList<long> assignmentIds, NewJournal template, CancellationToken cancel) =>
        InsertJournalAsync(assignmentIds.Select(id => template with { AssignmentId = id }).ToList(), cancel);

    /// <summary>Whether these ids are first, first + 1, …: a range a statement can name by its ends.</summary>
    protected static bool Consecutive(IReadOnlyList<long> ids)
    {
        for (var i = 1; i < ids.Count; i++)
            if (ids[i] != ids[i - 1] + 1) return false;
        return ids.Count > 0;
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Which escalation each outbox row announces, now that the batch's escalations have their ids.</summary>
    protected static long? EscalationOf(NewOutbox row, IReadOnlyList<long> escalationIds) =>
        row.Escalation is { } index ? escalationIds[index] : null;
}
