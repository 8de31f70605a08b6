using Npgsql;
using NpgsqlTypes;

namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// PostgreSQL: every kind of row of a batch goes in one statement over arrays (<c>unnest</c>), so a batch of
/// thousands of timers costs a handful of round trips. Claims lock their rows with <c>FOR UPDATE SKIP LOCKED</c>, so
/// several nodes work through one storm side by side.
/// </summary>
public sealed class PostgresBulkStore(NpgsqlConnection connection, NpgsqlTransaction transaction) : IBulkStore
{
    public async Task<List<DueTimer>> ClaimDueAsync(long nowMs, int limit, CancellationToken cancel)
    {
        await using var command = Command("""
            SELECT id, assignment_id, name, kind, chain, period, due_at FROM timers
            WHERE status = 0 AND due_at <= @now ORDER BY due_at, id LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """);
        command.Parameters.AddWithValue("now", nowMs);
        command.Parameters.AddWithValue("limit", limit);
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
            FROM assignments WHERE id = ANY(@ids)
            """);
        command.Parameters.AddWithValue("ids", ids.ToArray());
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
        await using var command = Command("SELECT DISTINCT assignment_id, period FROM reports WHERE assignment_id = ANY(@ids) AND period = ANY(@periods)");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("periods", periods.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) reported.Add((reader.GetInt64(0), reader.GetString(1)));
        return reported;
    }

    public async Task WriteAsync(TimerBatchWrites writes, CancellationToken cancel)
    {
        if (writes.Timers.Count > 0)
        {
            await using var timers = Command("""
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
            await using var assignments = Command("""
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
        if (writes.Escalations.Count > 0)
        {
            await using var escalations = Command("""
                INSERT INTO escalations (assignment_id, step, raised_at, status)
                SELECT * FROM unnest(@a, @step, @at, @status)
                """);
            escalations.Parameters.AddWithValue("a", writes.Escalations.Select(e => e.AssignmentId).ToArray());
            escalations.Parameters.AddWithValue("step", writes.Escalations.Select(e => e.Step).ToArray());
            escalations.Parameters.AddWithValue("at", writes.Escalations.Select(e => e.RaisedAt).ToArray());
            escalations.Parameters.AddWithValue("status", writes.Escalations.Select(e => e.Status).ToArray());
            await escalations.ExecuteNonQueryAsync(cancel);
        }
        if (writes.Outbox.Count > 0)
        {
            await using var outbox = Command("""
                INSERT INTO outbox (key, kind, assignment_id, unit_id, created_at, status, attempts, payload)
                SELECT u.key, u.kind, u.a, u.unit, u.at, 'pending', 0, u.payload FROM unnest(@key, @kind, @a, @unit, @at, @payload) AS u(key, kind, a, unit, at, payload)
                """);
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
            await using var briefing = Command("INSERT INTO briefings (month, assembled_at, content) VALUES (@month, @at, @content)");
            briefing.Parameters.AddWithValue("month", month);
            briefing.Parameters.AddWithValue("at", at);
            briefing.Parameters.AddWithValue("content", content);
            await briefing.ExecuteNonQueryAsync(cancel);
        }
        await InsertTimersAsync(writes.NewTimers, cancel);
    }

    public async Task<long[]> InsertAssignmentsAsync(IReadOnlyList<NewAssignment> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return [];
        // WITH ORDINALITY keeps each id next to the input row it belongs to, whatever order the rows come back in.
        await using var insert = Command("""
            WITH input AS (
                SELECT * FROM unnest(@task, @unit, @role, @def, @defv, @state, @due, @started) WITH ORDINALITY
                    AS u(task, unit, role, def, defv, state, due, started, n)),
            inserted AS (
                INSERT INTO assignments (task_id, unit_id, role, definition_id, definition_version, state, due_date, past_due, missed_reports, version, started_at)
                SELECT task, unit, role, def, defv, state, due, false, 0, 1, started FROM input ORDER BY n
                RETURNING id, task_id, unit_id)
            SELECT i.id FROM inserted i JOIN input u ON u.task = i.task_id AND u.unit = i.unit_id ORDER BY u.n
            """);
        insert.Parameters.AddWithValue("task", rows.Select(r => r.TaskId).ToArray());
        insert.Parameters.AddWithValue("unit", rows.Select(r => r.UnitId).ToArray());
        insert.Parameters.AddWithValue("role", rows.Select(r => r.Role).ToArray());
        insert.Parameters.AddWithValue("def", rows.Select(r => r.DefinitionId).ToArray());
        insert.Parameters.AddWithValue("defv", rows.Select(r => r.DefinitionVersion).ToArray());
        insert.Parameters.AddWithValue("state", rows.Select(r => r.State).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("due", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = rows.Select(r => r.DueDate).ToArray() });
        insert.Parameters.AddWithValue("started", rows.Select(r => r.StartedAt).ToArray());
        var ids = new long[rows.Count];
        var i = 0;
        await using var reader = await insert.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) ids[i++] = reader.GetInt64(0);
        if (i != rows.Count) throw new InvalidOperationException($"inserted {i} assignments, expected {rows.Count}");
        return ids;
    }

    public async Task InsertTimersAsync(IReadOnlyList<NewTimer> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return;
        await using var insert = Command("""
            INSERT INTO timers (assignment_id, name, kind, chain, period, due_at, status)
            SELECT u.a, u.name, u.kind, u.chain, u.period, u.due, 0 FROM unnest(@a, @name, @kind, @chain, @period, @due) AS u(a, name, kind, chain, period, due)
            """);
        insert.Parameters.Add(Nullable("a", rows.Select(r => r.AssignmentId)));
        insert.Parameters.AddWithValue("name", rows.Select(r => r.Name).ToArray());
        insert.Parameters.AddWithValue("kind", rows.Select(r => r.Kind).ToArray());
        insert.Parameters.AddWithValue("chain", rows.Select(r => r.Chain).ToArray());
        insert.Parameters.Add(Text("period", rows.Select(r => r.Period)));
        insert.Parameters.AddWithValue("due", rows.Select(r => r.DueAt).ToArray());
        await insert.ExecuteNonQueryAsync(cancel);
    }

    public async Task InsertJournalAsync(IReadOnlyList<NewJournal> rows, CancellationToken cancel)
    {
        if (rows.Count == 0) return;
        await using var insert = Command("""
            INSERT INTO journal (assignment_id, at, actor, event, from_state, to_state, data, timer_id)
            SELECT * FROM unnest(@a, @at, @actor, @event, @from, @to, @data, @timer)
            """);
        insert.Parameters.Add(Nullable("a", rows.Select(r => r.AssignmentId)));
        insert.Parameters.AddWithValue("at", rows.Select(r => r.At).ToArray());
        insert.Parameters.AddWithValue("actor", rows.Select(r => r.Actor).ToArray());
        insert.Parameters.AddWithValue("event", rows.Select(r => r.Event).ToArray());
        insert.Parameters.Add(Text("from", rows.Select(r => r.FromState)));
        insert.Parameters.Add(Text("to", rows.Select(r => r.ToState)));
        insert.Parameters.Add(Text("data", rows.Select(r => r.Data)));
        insert.Parameters.Add(Nullable("timer", rows.Select(r => r.TimerId)));
        await insert.ExecuteNonQueryAsync(cancel);
    }

    private NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

    private static NpgsqlParameter Nullable(string name, IEnumerable<long?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = values.ToArray() };

    private static NpgsqlParameter Text(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
