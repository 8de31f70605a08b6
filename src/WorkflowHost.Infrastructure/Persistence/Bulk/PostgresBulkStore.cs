using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// PostgreSQL: every kind of row of a batch goes in one statement over arrays (<c>unnest</c>), or for inserts one
/// binary COPY, so a batch of thousands of timers costs a handful of round trips. Claims lock their rows with <c>FOR UPDATE SKIP LOCKED</c>, so
/// several nodes work through one storm side by side.
/// </summary>
public sealed class PostgresBulkStore(NpgsqlConnection connection, NpgsqlTransaction transaction) : BulkStoreBase
{
    protected override string Parameter(string name) => "@" + name;

    protected override string InSet(string column, string parameter) => $"{column} = ANY(@{parameter})";

    protected override string ClaimLock => "\nFOR UPDATE SKIP LOCKED";

    protected override void AddValue(DbCommand command, string name, object value) => ((NpgsqlCommand)command).Parameters.AddWithValue(name, value);

    protected override void AddSet(DbCommand command, string name, IReadOnlyCollection<long> values) => AddValue(command, name, values.ToArray());

    protected override void AddSet(DbCommand command, string name, IReadOnlyCollection<string> values) => AddValue(command, name, values.ToArray());

    public override async Task WriteAsync(TimerBatchWrites writes, CancellationToken cancel)
    {
        if (writes.Timers.Count > 0)
        {
            await using var timers = Sql("""
                UPDATE timers AS t SET status = u.status, fired_at = @fired
                FROM unnest(@ids, @statuses) AS u(id, status) WHERE t.id = u.id
                """);
            timers.Parameters.AddWithValue("fired", writes.FiredAt);
            timers.Parameters.AddWithValue("ids", writes.Timers.Select(t => t.Id).ToArray());
            timers.Parameters.AddWithValue("statuses", writes.Timers.Select(t => t.Status).ToArray());
            await timers.ExecuteNonQueryAsync(cancel);
        }
        if (writes.Assignments.Count > 0)
        {
            await using var assignments = Sql("""
                UPDATE assignments AS a SET state = u.state, past_due = u.past_due, missed_reports = u.missed, version = u.new_version
                FROM unnest(@ids, @states, @past_due, @missed, @versions, @new_versions) AS u(id, state, past_due, missed, version, new_version)
                WHERE a.id = u.id AND a.version = u.version
                """);
            assignments.Parameters.AddWithValue("ids", writes.Assignments.Select(a => a.Id).ToArray());
            assignments.Parameters.AddWithValue("states", writes.Assignments.Select(a => a.State).ToArray());
            assignments.Parameters.AddWithValue("past_due", writes.Assignments.Select(a => a.PastDue).ToArray());
            assignments.Parameters.AddWithValue("missed", writes.Assignments.Select(a => a.MissedReports).ToArray());
            assignments.Parameters.AddWithValue("versions", writes.Assignments.Select(a => a.Version).ToArray());
            assignments.Parameters.AddWithValue("new_versions", writes.Assignments.Select(a => a.NewVersion).ToArray());
            var updated = await assignments.ExecuteNonQueryAsync(cancel);
            if (updated != writes.Assignments.Count)
                throw BulkStore.Conflict($"{writes.Assignments.Count - updated} of the batch's {writes.Assignments.Count} assignments");
        }
        await InsertJournalAsync(writes.Journal, cancel);
        // The escalations' ids are taken from their sequence first, so their outbox rows can name them.
        var escalationIds = writes.Escalations.Count == 0 ? [] : await ReserveIdsAsync("escalations", writes.Escalations.Count, cancel);
        if (writes.Escalations.Count > 0)
        {
            await using var escalations = Sql("""
                INSERT INTO escalations (id, assignment_id, step, raised_at, status)
                SELECT * FROM unnest(@id, @a, @step, @at, @status)
                """);
            escalations.Parameters.AddWithValue("id", escalationIds);
            escalations.Parameters.AddWithValue("a", writes.Escalations.Select(e => e.AssignmentId).ToArray());
            escalations.Parameters.AddWithValue("step", writes.Escalations.Select(e => e.Step).ToArray());
            escalations.Parameters.AddWithValue("at", writes.Escalations.Select(e => e.RaisedAt).ToArray());
            escalations.Parameters.AddWithValue("status", writes.Escalations.Select(e => e.Status).ToArray());
            await escalations.ExecuteNonQueryAsync(cancel);
        }
        if (writes.Outbox.Count > 0)
        {
            await using var outbox = Sql("""
                INSERT INTO outbox (key, kind, assignment_id, unit_id, created_at, status, attempts, payload, escalation_id)
                SELECT u.key, u.kind, u.a, u.unit, u.at, 'pending', 0, u.payload, u.escalation
                FROM unnest(@key, @kind, @a, @unit, @at, @payload, @escalation) AS u(key, kind, a, unit, at, payload, escalation)
                """);
            outbox.Parameters.Add(Nullable("escalation", writes.Outbox.Select(o => EscalationOf(o, escalationIds))));
            outbox.Parameters.AddWithValue("key", writes.Outbox.Select(o => o.Key).ToArray());
            outbox.Parameters.AddWithValue("kind", writes.Outbox.Select(o => o.Kind).ToArray());
            outbox.Parameters.Add(Nullable("a", writes.Outbox.Select(o => o.AssignmentId)));
            outbox.Parameters.Add(Nullable("unit", writes.Outbox.Select(o => o.UnitId)));
            outbox.Parameters.AddWithValue("at", writes.Outbox.Select(o => o.CreatedAt).ToArray());
            outbox.Parameters.Add(Text("payload", writes.Outbox.Select(o => o.Payload)));
            await outbox.ExecuteNonQueryAsync(cancel);
        }
        foreach (var (month, at, content) in writes.Briefings)
        {
            await using var briefing = Sql("INSERT INTO briefings (month, assembled_at, content) VALUES (@month, @at, @content)");
            briefing.Parameters.AddWithValue("month", month);
            briefing.Parameters.AddWithValue("at", at);
            briefing.Parameters.AddWithValue("content", content);
            await briefing.ExecuteNonQueryAsync(cancel);
        }
        await InsertTimersAsync(writes.NewTimers, cancel);
    }

    public override async Task<IReadOnlyList<string>> DropIndexesAsync(IReadOnlyList<string> tables, CancellationToken cancel)
    {
        // Indexes that back a constraint (primary keys) stay; the rest are plain CREATE INDEX statements (indexdef).
        await using var query = Sql("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
            ORDER BY i.indexname
            """);
        query.Parameters.AddWithValue("tables", tables.ToArray());
        var found = new List<(string Name, string Sql)>();
        await using (var reader = await query.ExecuteReaderAsync(cancel))
            while (await reader.ReadAsync(cancel)) found.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in found)
        {
            await using var drop = Sql($"DROP INDEX {Quote(name)}");
            await drop.ExecuteNonQueryAsync(cancel);
        }
        // Foreign keys too: PostgreSQL checks them by a trigger per inserted row (most of a COPY's time), while adding
        // one back validates every row in one join.
        await using var keys = Sql("""
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND c.conrelid::regclass::text = ANY(@tables)
            ORDER BY 1, 2
            """);
        keys.Parameters.AddWithValue("tables", tables.ToArray());
        var foreignKeys = new List<(string Table, string Name, string Definition)>();
        await using (var reader = await keys.ExecuteReaderAsync(cancel))
            while (await reader.ReadAsync(cancel)) foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        foreach (var (table, name, _) in foreignKeys)
        {
            await using var drop = Sql($"ALTER TABLE {table} DROP CONSTRAINT {Quote(name)}");
            await drop.ExecuteNonQueryAsync(cancel);
        }
        return found.Select(f => f.Sql)
            .Concat(foreignKeys.Select(k => $"ALTER TABLE {k.Table} ADD CONSTRAINT {Quote(k.Name)} {k.Definition}"))
            .ToList();
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"")}\"";

    public override async Task CreateIndexesAsync(IReadOnlyList<string> definitions, CancellationToken cancel)
    {
        foreach (var sql in definitions)
        {
            await using var create = Sql(sql);
            await create.ExecuteNonQueryAsync(cancel);
        }
    }

    public override async Task<long[]> InsertUnitsAsync(IReadOnlyList<NewUnit> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return [];
        var ids = await ReserveIdsAsync("units", rows.Count, cancel);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY units (id, name, full_name, kind, email, in_regions_rule) FROM STDIN (FORMAT BINARY)", cancel);
        for (var i = 0; i < rows.Count; i++)
        {
            var u = rows[i];
            copy.StartRow();
            copy.Write(ids[i], NpgsqlDbType.Bigint);
            copy.Write(u.Name, NpgsqlDbType.Text);
            WriteText(copy, u.FullName);
            copy.Write(u.Kind, NpgsqlDbType.Text);
            copy.Write(u.Email, NpgsqlDbType.Text);
            copy.Write(u.InRegionsRule, NpgsqlDbType.Boolean);
        }
        await copy.CompleteAsync(cancel);
        return ids;
    }

    /// <summary>Ids from the table's own sequence, taken for a whole chunk in one round trip (other writers can take
    /// ids in between; each of these is still ours alone), so the rows can then go in by binary COPY with their ids.</summary>
    private async Task<long[]> ReserveIdsAsync(string table, int count, CancellationToken cancel)
    {
        var ids = new long[count];
        await using var reserve = Sql("SELECT nextval(pg_get_serial_sequence(@table, 'id')) FROM generate_series(1, @n)");
        reserve.Parameters.AddWithValue("table", table);
        reserve.Parameters.AddWithValue("n", count);
        var i = 0;
        await using var reader = await reserve.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) ids[i++] = reader.GetInt64(0);
        if (i != count) throw new InvalidOperationException($"reserved {i} {table} ids, expected {count}");
        return ids;
    }

    public override async Task SetUnitParentsAsync(IReadOnlyList<UnitParent> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return;
        await using var update = Sql("UPDATE units u SET parent_id = v.parent FROM unnest(@ids, @parents) AS v(id, parent) WHERE u.id = v.id");
        update.Parameters.AddWithValue("ids", rows.Select(r => r.UnitId).ToArray());
        update.Parameters.Add(Nullable("parents", rows.Select(r => r.ParentId)));
        await update.ExecuteNonQueryAsync(cancel);
    }

    public override async Task<long[]> InsertAssignmentsAsync(IReadOnlyList<NewAssignment> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return [];
        var ids = await ReserveIdsAsync("assignments", rows.Count, cancel);
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY assignments (id, task_id, unit_id, role, definition_id, definition_version, state, due_date, past_due, missed_reports, version, started_at, parent_id)
            FROM STDIN (FORMAT BINARY)
            """, cancel);
        for (var i = 0; i < rows.Count; i++)
        {
            var a = rows[i];
            copy.StartRow();
            copy.Write(ids[i], NpgsqlDbType.Bigint);
            copy.Write(a.TaskId, NpgsqlDbType.Bigint);
            copy.Write(a.UnitId, NpgsqlDbType.Bigint);
            copy.Write(a.Role, NpgsqlDbType.Text);
            WriteText(copy, a.DefinitionId);
            copy.Write(a.DefinitionVersion, NpgsqlDbType.Integer);
            WriteText(copy, a.State);
            if (a.DueDate is { } due) copy.Write(due, NpgsqlDbType.Date); else copy.WriteNull();
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(0, NpgsqlDbType.Integer);
            copy.Write(1, NpgsqlDbType.Integer);
            copy.Write(a.StartedAt, NpgsqlDbType.Bigint);
            if (a.ParentId is { } parent) copy.Write(parent, NpgsqlDbType.Bigint); else copy.WriteNull();
        }
        await copy.CompleteAsync(cancel);
        return ids;
    }

    // The row loops below write with the synchronous COPY calls: they only fill Npgsql's buffer (flushing it when
    // full), and an await per column would cost more than the column.

    public override async Task InsertTimersAsync(IReadOnlyList<NewTimer> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY timers (assignment_id, name, kind, chain, period, due_at, status) FROM STDIN (FORMAT BINARY)", cancel);
        foreach (var t in rows)
        {
            copy.StartRow();
            WriteBigint(copy, t.AssignmentId);
            copy.Write(t.Name, NpgsqlDbType.Text);
            copy.Write(t.Kind, NpgsqlDbType.Text);
            copy.Write(t.Chain, NpgsqlDbType.Text);
            WriteText(copy, t.Period);
            copy.Write(t.DueAt, NpgsqlDbType.Bigint);
            copy.Write(0, NpgsqlDbType.Integer);
        }
        await copy.CompleteAsync(cancel);
    }

    public override async Task InsertJournalAsync(IReadOnlyList<NewJournal> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY journal (assignment_id, at, actor, event, from_state, to_state, data, timer_id) FROM STDIN (FORMAT BINARY)", cancel);
        foreach (var j in rows)
        {
            copy.StartRow();
            WriteBigint(copy, j.AssignmentId);
            copy.Write(j.At, NpgsqlDbType.Bigint);
            copy.Write(j.Actor, NpgsqlDbType.Text);
            copy.Write(j.Event, NpgsqlDbType.Text);
            WriteText(copy, j.FromState);
            WriteText(copy, j.ToState);
            WriteText(copy, j.Data);
            WriteBigint(copy, j.TimerId);
        }
        await copy.CompleteAsync(cancel);
    }

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull(); else copy.Write(value, NpgsqlDbType.Text);
    }

    private static void WriteBigint(NpgsqlBinaryImporter copy, long? value)
    {
        if (value is { } v) copy.Write(v, NpgsqlDbType.Bigint); else copy.WriteNull();
    }

    protected override DbCommand Command(string sql) => Sql(sql);

    private NpgsqlCommand Sql(string sql) => new(sql, connection, transaction);

    private static NpgsqlParameter Nullable(string name, IEnumerable<long?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = values.ToArray() };

    private static NpgsqlParameter Text(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
