using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// SQLite: one writer at a time anyway, so the cost is per statement, not per round trip. Each kind of row has one
/// prepared command, reused for every row of the batch (parameters rebound, statement not re-parsed). Id lists go in
/// as one JSON array parameter (<c>json_each</c>), not as thousands of parameters.
/// </summary>
public sealed class SqliteBulkStore : BulkStoreBase
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
        using var pragma = Sql($"PRAGMA cache_size = -{kib}");
        pragma.ExecuteNonQuery();
    }

    protected override string Parameter(string name) => "$" + name;

    protected override string InSet(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(${parameter}))";

    protected override string ClaimLock => ""; // one writer at a time: a claim is the writer's alone

    protected override void AddValue(DbCommand command, string name, object value) => ((SqliteCommand)command).Parameters.AddWithValue("$" + name, value);

    protected override void AddSet(DbCommand command, string name, IReadOnlyCollection<long> values) => AddValue(command, name, JsonArray(values));

    protected override void AddSet(DbCommand command, string name, IReadOnlyCollection<string> values) =>
        AddValue(command, name, System.Text.Json.JsonSerializer.Serialize(values));

    /// <remarks>What the batch's assignments count for — the board's cells (<see cref="BoardCountRow"/>) and their units'
    /// tallies (<see cref="Dashboard.UnitTallies"/>) — is taken off before its writes and added after them
    /// (<see cref="SqliteBoardCounts.Changes"/>), while the per-row triggers are paused in this transaction: a trigger
    /// per changed row cost the storm about a twentieth of its time. A batch that fails rolls back whole, pause
    /// included.</remarks>
    public override async Task WriteAsync(TimerBatchWrites writes, CancellationToken cancel)
    {
        var touched = writes.Assignments.Select(a => a.Id).Concat(writes.Escalations.Select(e => e.AssignmentId)).Distinct().ToList();
        var cells = touched.Count == 0 ? null : JsonArray(touched);
        if (cells is not null)
        {
            Execute(Prepared(SqliteBoardCounts.Pause));
            Execute(Prepared(SqliteBoardCounts.Changes("a.id IN (SELECT value FROM json_each($ids))", -1), "$ids"), cells);
        }

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
        // The escalations' ids are computed (this is the only writer), so their outbox rows can name them.
        var escalationIds = NextIds("escalations", writes.Escalations.Count);
        var escalations = Prepared("INSERT INTO escalations (id, assignment_id, step, raised_at, status) VALUES ($id, $a, $step, $at, $status)", "$id", "$a", "$step", "$at", "$status");
        for (var i = 0; i < writes.Escalations.Count; i++)
        {
            var e = writes.Escalations[i];
            Execute(escalations, escalationIds[i], e.AssignmentId, e.Step, e.RaisedAt, e.Status);
        }
        var outbox = Prepared("""
            INSERT INTO outbox (key, kind, assignment_id, unit_id, created_at, status, attempts, payload, escalation_id)
            VALUES ($key, $kind, $a, $unit, $at, 'pending', 0, $payload, $escalation)
            """, "$key", "$kind", "$a", "$unit", "$at", "$payload", "$escalation");
        foreach (var o in writes.Outbox) Execute(outbox, o.Key, o.Kind, o.AssignmentId, o.UnitId, o.CreatedAt, o.Payload, EscalationOf(o, escalationIds));
        var briefings = Prepared("INSERT INTO briefings (month, assembled_at, content) VALUES ($month, $at, $content)", "$month", "$at", "$content");
        foreach (var b in writes.Briefings) Execute(briefings, b.Month, b.AssembledAt, b.Content);
        WriteTimers(writes.NewTimers);
        if (cells is not null)
        {
            Execute(Prepared(SqliteBoardCounts.Changes("a.id IN (SELECT value FROM json_each($ids))", 1), "$ids"), cells);
            Execute(Prepared(SqliteBoardCounts.Resume));
        }
        await Task.CompletedTask;
    }

    public override async Task<IReadOnlyList<string>> DropIndexesAsync(IReadOnlyList<string> tables, CancellationToken cancel)
    {
        // sql is null for the automatic indexes of PRIMARY KEY/UNIQUE constraints: those stay.
        await using var query = Sql("""
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each($tables)) ORDER BY name
            """);
        query.Parameters.AddWithValue("$tables", System.Text.Json.JsonSerializer.Serialize(tables));
        var found = new List<(string Name, string Sql)>();
        await using (var reader = await query.ExecuteReaderAsync(cancel))
            while (await reader.ReadAsync(cancel)) found.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in found)
        {
            await using var drop = Sql($"DROP INDEX \"{name.Replace("\"", "\"\"")}\"");
            await drop.ExecuteNonQueryAsync(cancel);
        }
        return found.Select(f => f.Sql).ToList();
    }

    public override async Task CreateIndexesAsync(IReadOnlyList<string> definitions, CancellationToken cancel)
    {
        foreach (var sql in definitions)
        {
            await using var create = Sql(sql);
            await create.ExecuteNonQueryAsync(cancel);
        }
    }

    public override Task<long[]> InsertUnitsAsync(IReadOnlyList<NewUnit> rows, CancellationToken cancel)
    {
        var ids = NextIds("units", rows.Count);
        InsertRows("INSERT INTO units (id, name, full_name, kind, email, in_regions_rule) VALUES ", "({0}, {1}, {2}, {3}, {4}, {5})", 6, rows, (p, o, i, u) =>
        {
            Set(p, o, ids[i]); Set(p, o + 1, u.Name); Set(p, o + 2, u.FullName); Set(p, o + 3, u.Kind); Set(p, o + 4, u.Email); Set(p, o + 5, u.InRegionsRule);
        });
        return Task.FromResult(ids);
    }

    public override Task SetUnitParentsAsync(IReadOnlyList<UnitParent> rows, CancellationToken cancel)
    {
        var update = Prepared("UPDATE units SET parent_id = $parent WHERE id = $id", "$parent", "$id");
        foreach (var row in rows) Execute(update, row.ParentId, row.UnitId);
        return Task.CompletedTask;
    }

    /// <summary>One statement per run of rows that differ only in unit and parent (a task's shares of one role,
    /// started alike): what they share is bound once, the rest goes in as one JSON array, and the ids are the run's
    /// first id plus the row's place in it.</summary>
    /// <remarks>A row's unit and parent travel as one integer, the unit in the high 32 bits and the parent (0: none)
    /// in the low ones, so <c>json_each</c> hands each row over as a plain integer: as an array per row
    /// (<c>[unit, role, parent]</c>) every row was JSON that SQLite parsed again for each <c>-&gt;&gt;</c> (measured
    /// on the 下达 at 5,000 units: the larger part of its assignment inserts). A run whose ids do not fit (a unit
    /// id of 2³¹ or more, a parent of 2³²) goes in as arrays.
    /// <para>The board's counts and the units' tallies are added once for all the rows
    /// (<see cref="SqliteBoardCounts.Changes"/> over their id range), while the per-row insert triggers are paused in
    /// this transaction.</para></remarks>
    public override Task<long[]> InsertAssignmentsAsync(IReadOnlyList<NewAssignment> rows, CancellationToken cancel)
    {
        var ids = NextIds("assignments", rows.Count);
        if (rows.Count == 0) return Task.FromResult(ids);
        Execute(Prepared(SqliteBoardCounts.Pause));
        for (var first = 0; first < rows.Count;)
        {
            var shared = rows[first];
            var end = first + 1;
            var packable = Packable(shared);
            for (; end < rows.Count && StartedAlike(rows[end], shared); end++) packable &= Packable(rows[end]);
            if (packable) InsertPacked(rows, first, end, ids[first]);
            else InsertAsArrays(rows, first, end, ids[first]);
            first = end;
        }
        Execute(Prepared(SqliteBoardCounts.Changes("a.id BETWEEN $first AND $last", 1), "$first", "$last"), ids[0], ids[^1]);
        Execute(Prepared(SqliteBoardCounts.Resume));
        return Task.FromResult(ids);
    }

    private static bool Packable(NewAssignment row) => row.UnitId is > 0 and < 1L << 31 && row.ParentId is null or (> 0 and < 1L << 32);

    private void InsertPacked(IReadOnlyList<NewAssignment> rows, int first, int end, long firstId)
    {
        var command = Prepared("""
            INSERT INTO assignments (id, task_id, unit_id, role, definition_id, definition_version, state, due_date, past_due, missed_reports, version, started_at, parent_id)
            SELECT $first + key, $task, value >> 32, $role, $definition, $version, $state, $due, 0, 0, 1, $started, nullif(value & 4294967295, 0)
            FROM json_each($rows)
            """, "$first", "$task", "$role", "$definition", "$version", "$state", "$due", "$started", "$rows");
        var json = Rows();
        for (var i = first; i < end; i++) json.Value(rows[i].UnitId << 32 | (rows[i].ParentId ?? 0));
        var shared = rows[first];
        Execute(command, firstId, shared.TaskId, shared.Role, shared.DefinitionId, shared.DefinitionVersion, shared.State, shared.DueDate, shared.StartedAt, json.End());
    }

    private void InsertAsArrays(IReadOnlyList<NewAssignment> rows, int first, int end, long firstId)
    {
        var command = Prepared("""
            INSERT INTO assignments (id, task_id, unit_id, role, definition_id, definition_version, state, due_date, past_due, missed_reports, version, started_at, parent_id)
            SELECT $first + key, $task, value ->> 0, $role, $definition, $version, $state, $due, 0, 0, 1, $started, value ->> 1
            FROM json_each($rows)
            """, "$first", "$task", "$role", "$definition", "$version", "$state", "$due", "$started", "$rows");
        var json = Rows();
        for (var i = first; i < end; i++)
        {
            json.Row();
            json.Value(rows[i].UnitId); json.Value(rows[i].ParentId);
            json.EndRow();
        }
        var shared = rows[first];
        Execute(command, firstId, shared.TaskId, shared.Role, shared.DefinitionId, shared.DefinitionVersion, shared.State, shared.DueDate, shared.StartedAt, json.End());
    }

    private static bool StartedAlike(NewAssignment a, NewAssignment b) =>
        a.TaskId == b.TaskId && a.Role == b.Role && a.DefinitionId == b.DefinitionId && a.DefinitionVersion == b.DefinitionVersion && a.State == b.State
        && a.DueDate == b.DueDate && a.StartedAt == b.StartedAt;

    private readonly SqliteJsonRows _json = new();

    private SqliteJsonRows Rows()
    {
        _json.Begin();
        return _json;
    }

    /// <summary>Runs an <c>INSERT … SELECT … FROM json_each($rows)</c> (prepared once per transaction) on the rows
    /// <paramref name="json"/> holds: the import's chunks of thousands of rows, one statement each.</summary>
    private void InsertJson(string sql, SqliteJsonRows json)
    {
        var command = Prepared(sql, "$rows");
        Execute(command, json.End());
    }

    /// <summary>The ids the next <paramref name="count"/> rows of <paramref name="table"/> get. Computed, not read back
    /// row by row (<c>RETURNING</c>): this transaction is the database's only writer (SQLite has one), so nothing else
    /// takes ids between this read and the insert. AUTOINCREMENT never reuses an id, so the next is past both the
    /// highest row and the highest ever handed out (<c>sqlite_sequence</c>); inserting explicit ids moves that on.</summary>
    private long[] NextIds(string table, int count)
    {
        using var next = Sql($"""
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0), coalesce((SELECT max(id) FROM "{table}"), 0)) + 1
            """);
        var first = (long)next.ExecuteScalar()!;
        var ids = new long[count];
        for (var i = 0; i < count; i++) ids[i] = first + i;
        return ids;
    }

    /// <summary>Rows per multi-row INSERT: few enough that binding by name (SQLite looks each parameter's name up by a
    /// linear search over the statement's parameters, for every execution) stays cheap, many enough that the
    /// per-statement cost is spread thin.</summary>
    private const int RowsPerInsert = 16;

    /// <summary>Inserts <paramref name="rows"/> with multi-row <c>INSERT … VALUES (…),(…)</c> statements of
    /// <see cref="RowsPerInsert"/> rows, each prepared once per transaction. <paramref name="rowTemplate"/> names the
    /// row's parameters {0}…{columns-1}; <paramref name="bind"/> sets them from parameter offset o for row i.</summary>
    private void InsertRows<T>(string head, string rowTemplate, int columns, IReadOnlyList<T> rows, Action<SqliteParameterCollection, int, int, T> bind)
    {
        for (var start = 0; start < rows.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows.Count - start);
            var command = MultiRow(head, rowTemplate, columns, count);
            for (var r = 0; r < count; r++) bind(command.Parameters, r * columns, start + r, rows[start + r]);
            command.ExecuteNonQuery();
        }
    }

    private SqliteCommand MultiRow(string head, string rowTemplate, int columns, int count)
    {
        var key = $"{head}|{rowTemplate}|{count}";
        if (_prepared.TryGetValue(key, out var existing)) return existing;
        var sql = new StringBuilder(head);
        var names = new object[columns];
        for (var r = 0; r < count; r++)
        {
            for (var c = 0; c < columns; c++) names[c] = $"${r * columns + c}";
            if (r > 0) sql.Append(',');
            sql.AppendFormat(rowTemplate, names);
        }
        var command = Sql(sql.ToString());
        for (var i = 0; i < count * columns; i++) command.Parameters.Add(new SqliteParameter { ParameterName = $"${i}" });
        command.Prepare();
        _prepared[key] = command;
        return command;
    }

    private static void Set(SqliteParameterCollection parameters, int index, object? value) => parameters[index].Value = value ?? DBNull.Value;

    public override Task InsertTimersAsync(IReadOnlyList<NewTimer> rows, CancellationToken cancel)
    {
        var json = Rows();
        foreach (var t in rows)
        {
            json.Row();
            json.Value(t.AssignmentId); json.Value(t.Name); json.Value(t.Kind); json.Value(t.Chain); json.Value(t.Period); json.Value(t.DueAt);
            json.EndRow();
        }
        InsertJson("""
            INSERT INTO timers (assignment_id, name, kind, chain, period, due_at, status)
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, 0 FROM json_each($rows)
            """, json);
        return Task.CompletedTask;
    }

    public override Task InsertJournalAsync(IReadOnlyList<NewJournal> rows, CancellationToken cancel)
    {
        var json = Rows();
        foreach (var j in rows)
        {
            json.Row();
            json.Value(j.AssignmentId); json.Value(j.At); json.Value(j.Actor); json.Value(j.Event); json.Value(j.FromState);
            json.Value(j.ToState); json.Value(j.Data); json.Value(j.TimerId);
            json.EndRow();
        }
        InsertJson("""
            INSERT INTO journal (assignment_id, at, actor, event, from_state, to_state, data, timer_id)
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7 FROM json_each($rows)
            """, json);
        return Task.CompletedTask;
    }

    /// <summary>One statement per run of assignments: the rows are the assignments just inserted (their ids a range,
    /// computed by <see cref="NextIds"/>) crossed with the template, assignment by assignment as the row-by-row path
    /// wrote them, so the timers get the same ids.</summary>
    public override Task InsertTimersForEachAsync(IReadOnlyList<long> assignmentIds, IReadOnlyList<NewTimer> template, CancellationToken cancel)
    {
        if (assignmentIds.Count == 0 || template.Count == 0) return Task.CompletedTask;
        if (!Consecutive(assignmentIds)) return base.InsertTimersForEachAsync(assignmentIds, template, cancel);
        var json = Rows();
        foreach (var t in template)
        {
            json.Row();
            json.Value(t.Name); json.Value(t.Kind); json.Value(t.Chain); json.Value(t.Period); json.Value(t.DueAt);
            json.EndRow();
        }
        var command = Prepared("""
            WITH template AS MATERIALIZED (
                SELECT key, value ->> 0 AS name, value ->> 1 AS kind, value ->> 2 AS chain, value ->> 3 AS period, value ->> 4 AS due_at
                FROM json_each($template))
            INSERT INTO timers (assignment_id, name, kind, chain, period, due_at, status)
            SELECT a.id, t.name, t.kind, t.chain, t.period, t.due_at, 0
            FROM assignments AS a CROSS JOIN template AS t
            WHERE a.id BETWEEN $first AND $last
            ORDER BY a.id, t.key
            """, "$template", "$first", "$last");
        Execute(command, json.End(), assignmentIds[0], assignmentIds[^1]);
        return Task.CompletedTask;
    }

    public override Task InsertJournalForEachAsync(IReadOnlyList<long> assignmentIds, NewJournal j, CancellationToken cancel)
    {
        if (assignmentIds.Count == 0) return Task.CompletedTask;
        if (!Consecutive(assignmentIds)) return base.InsertJournalForEachAsync(assignmentIds, j, cancel);
        var command = Prepared("""
            INSERT INTO journal (assignment_id, at, actor, event, from_state, to_state, data, timer_id)
            SELECT a.id, $at, $actor, $event, $from, $to, $data, $timer FROM assignments AS a
            WHERE a.id BETWEEN $first AND $last ORDER BY a.id
            """, "$at", "$actor", "$event", "$from", "$to", "$data", "$timer", "$first", "$last");
        Execute(command, j.At, j.Actor, j.Event, j.FromState, j.ToState, j.Data, j.TimerId, assignmentIds[0], assignmentIds[^1]);
        return Task.CompletedTask;
    }

    private void WriteTimers(IReadOnlyList<NewTimer> rows) =>
        InsertRows("INSERT INTO timers (assignment_id, name, kind, chain, period, due_at, status) VALUES ", "({0}, {1}, {2}, {3}, {4}, {5}, 0)", 6, rows,
            (p, o, _, t) =>
            {
                Set(p, o, t.AssignmentId); Set(p, o + 1, t.Name); Set(p, o + 2, t.Kind); Set(p, o + 3, t.Chain); Set(p, o + 4, t.Period); Set(p, o + 5, t.DueAt);
            });

    private void WriteJournal(IReadOnlyList<NewJournal> rows) =>
        InsertRows("INSERT INTO journal (assignment_id, at, actor, event, from_state, to_state, data, timer_id) VALUES ",
            "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})", 8, rows,
            (p, o, _, j) =>
            {
                Set(p, o, j.AssignmentId); Set(p, o + 1, j.At); Set(p, o + 2, j.Actor); Set(p, o + 3, j.Event); Set(p, o + 4, j.FromState);
                Set(p, o + 5, j.ToState); Set(p, o + 6, j.Data); Set(p, o + 7, j.TimerId);
            });

    protected override DbCommand Command(string sql) => Sql(sql);

    private SqliteCommand Sql(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Prepared(string sql, params string[] parameters)
    {
        if (_prepared.TryGetValue(sql, out var existing)) return existing;
        var command = Sql(sql);
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

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values) await command.DisposeAsync();
        _prepared.Clear();
        // The connection goes back to the pool: give the memory back too. (After a commit EF has already closed it;
        // the pooled connection then keeps the larger cache limit, filled only as pages are read.)
        if (connection.State == System.Data.ConnectionState.Open) CacheSize(DefaultCacheKib);
    }
}
