using System.Text;
using Microsoft.Data.Sqlite;

namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// SQLite: one writer at a time anyway, so the cost is per statement, not per round trip. Each kind of row has one
/// prepared command, reused for every row of the batch (parameters rebound, statement not re-parsed). Id lists go in
/// as one JSON array parameter (<c>json_each</c>), not as thousands of parameters.
/// </summary>
public sealed class SqliteBulkStore : IBulkStore
{
    /// <summary>Page cache while a bulk operation runs (KiB): a million-row table's indexes are tens of MB, and with
    /// SQLite's default 2 MB every index insert far from the last one reads its page again.</summary>
    private const int BulkCacheKib = 65_536;
    private const int DefaultCacheKib = 2_000;
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteBulkStore(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
        CacheSize(BulkCacheKib);
    }

    private void CacheSize(int kib)
    {
        using var pragma = Command($"PRAGMA cache_size = -{kib}");
        pragma.ExecuteNonQuery();
    }

    public async Task<List<DueTimer>> ClaimDueAsync(long nowMs, int limit, CancellationToken cancel)
    {
        await using var command = Command("""
            SELECT id, assignment_id, name, kind, chain, period, due_at FROM timers
            WHERE status = 0 AND due_at <= $now ORDER BY due_at, id LIMIT $limit
            """);
        command.Parameters.AddWithValue("$now", nowMs);
        command.Parameters.AddWithValue("$limit", limit);
        var due = new List<DueTimer>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            due.Add(new DueTimer(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6)));
        return due;
    }

    public async Task<Dictionary<long, AssignmentSnapshot>> AssignmentsAsync(IReadOnlyCollection<long> ids, CancellationToken cancel)
    {
        await using var command = Command("""
            SELECT id, task_id, unit_id, definition_id, definition_version, state, due_date, past_due, missed_reports, version
            FROM assignments WHERE id IN (SELECT value FROM json_each($ids))
            """);
        command.Parameters.AddWithValue("$ids", JsonArray(ids));
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
        await using var command = Command("""
            SELECT DISTINCT assignment_id, period FROM reports
            WHERE assignment_id IN (SELECT value FROM json_each($ids)) AND period IN (SELECT value FROM json_each($periods))
            """);
        command.Parameters.AddWithValue("$ids", JsonArray(ids));
        command.Parameters.AddWithValue("$periods", System.Text.Json.JsonSerializer.Serialize(periods));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) reported.Add((reader.GetInt64(0), reader.GetString(1)));
        return reported;
    }

    public async Task WriteAsync(TimerBatchWrites writes, CancellationToken cancel)
    {
        var timers = Prepared("UPDATE timers SET status = $status, fired_at = $fired WHERE id = $id", "$status", "$fired", "$id");
        foreach (var t in writes.Timers) Execute(timers, t.Status, writes.FiredAt, t.Id);

        var assignments = Prepared("""
            UPDATE assignments SET state = $state, past_due = $past_due, missed_reports = $missed, version = $new_version
            WHERE id = $id AND version = $version
            """, "$state", "$past_due", "$missed", "$new_version", "$id", "$version");
        foreach (var a in writes.Assignments)
            if (Execute(assignments, a.State, a.PastDue, a.MissedReports, a.NewVersion, a.Id, a.Version) != 1)
                throw BulkStore.Conflict($"assignment {a.Id}");

        WriteJournal(writes.Journal);
        var escalations = Prepared("INSERT INTO escalations (assignment_id, step, raised_at, status) VALUES ($a, $step, $at, $status)", "$a", "$step", "$at", "$status");
        foreach (var e in writes.Escalations) Execute(escalations, e.AssignmentId, e.Step, e.RaisedAt, e.Status);
        var outbox = Prepared("""
            INSERT INTO outbox (key, kind, assignment_id, unit_id, created_at, status, attempts, payload)
            VALUES ($key, $kind, $a, $unit, $at, 'pending', 0, $payload)
            """, "$key", "$kind", "$a", "$unit", "$at", "$payload");
        foreach (var o in writes.Outbox) Execute(outbox, o.Key, o.Kind, o.AssignmentId, o.UnitId, o.CreatedAt, o.Payload);
        var briefings = Prepared("INSERT INTO briefings (month, assembled_at, content) VALUES ($month, $at, $content)", "$month", "$at", "$content");
        foreach (var b in writes.Briefings) Execute(briefings, b.Month, b.AssembledAt, b.Content);
        WriteTimers(writes.NewTimers);
        await Task.CompletedTask;
    }

    public Task<long[]> InsertAssignmentsAsync(IReadOnlyList<NewAssignment> rows, CancellationToken cancel)
    {
        var insert = Prepared("""
            INSERT INTO assignments (task_id, unit_id, role, definition_id, definition_version, state, due_date, past_due, missed_reports, version, started_at)
            VALUES ($task, $unit, $role, $def, $defv, $state, $due, 0, 0, 1, $started) RETURNING id
            """, "$task", "$unit", "$role", "$def", "$defv", "$state", "$due", "$started");
        var ids = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var a = rows[i];
            Bind(insert, a.TaskId, a.UnitId, a.Role, a.DefinitionId, a.DefinitionVersion, a.State, a.DueDate, a.StartedAt);
            ids[i] = (long)insert.ExecuteScalar()!;
        }
        return Task.FromResult(ids);
    }

    public Task InsertTimersAsync(IReadOnlyList<NewTimer> rows, CancellationToken cancel)
    {
        WriteTimers(rows);
        return Task.CompletedTask;
    }

    public Task InsertJournalAsync(IReadOnlyList<NewJournal> rows, CancellationToken cancel)
    {
        WriteJournal(rows);
        return Task.CompletedTask;
    }

    private void WriteTimers(IEnumerable<NewTimer> rows)
    {
        var insert = Prepared("""
            INSERT INTO timers (assignment_id, name, kind, chain, period, due_at, status) VALUES ($a, $name, $kind, $chain, $period, $due, 0)
            """, "$a", "$name", "$kind", "$chain", "$period", "$due");
        foreach (var t in rows) Execute(insert, t.AssignmentId, t.Name, t.Kind, t.Chain, t.Period, t.DueAt);
    }

    private void WriteJournal(IEnumerable<NewJournal> rows)
    {
        var insert = Prepared("""
            INSERT INTO journal (assignment_id, at, actor, event, from_state, to_state, data, timer_id)
            VALUES ($a, $at, $actor, $event, $from, $to, $data, $timer)
            """, "$a", "$at", "$actor", "$event", "$from", "$to", "$data", "$timer");
        foreach (var j in rows) Execute(insert, j.AssignmentId, j.At, j.Actor, j.Event, j.FromState, j.ToState, j.Data, j.TimerId);
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Prepared(string sql, params string[] parameters)
    {
        if (_prepared.TryGetValue(sql, out var existing)) return existing;
        var command = Command(sql);
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        _prepared[sql] = command;
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static int Execute(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    private static string JsonArray(IEnumerable<long> ids)
    {
        var text = new StringBuilder("[");
        foreach (var id in ids)
        {
            if (text.Length > 1) text.Append(',');
            text.Append(id);
        }
        return text.Append(']').ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values) await command.DisposeAsync();
        _prepared.Clear();
        // The connection goes back to the pool: give the memory back too. (After a commit EF has already closed it;
        // the pooled connection then keeps the larger cache limit, filled only as pages are read.)
        if (connection.State == System.Data.ConnectionState.Open) CacheSize(DefaultCacheKib);
    }
}
