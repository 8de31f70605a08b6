using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using WorkflowHost.Infrastructure.Workflows;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// The floor for the storm on PostgreSQL: the same rows the engine writes per firing (timer fired, assignment overdue
/// with its version bumped, journal row, outbox row, next timer) by the most minimal batched loop — one claim per 2,000
/// timers (<c>FOR UPDATE SKIP LOCKED</c>, as the engine claims), each update one statement over arrays (<c>unnest</c>),
/// each insert one binary <c>COPY</c>, one transaction per batch; no reading of assignments and no decisions.
/// </summary>
public static class RawPostgresFloor
{
    public static async Task<TimeSpan> RunAsync(string connectionString, StormShape storm, int batchSize, CancellationToken cancel)
    {
        var atMs = UnixTime.Of(storm.At);
        var letterMs = UnixTime.Of(storm.Letter.At);
        var payload = $"{{\"task\":0,\"step\":\"overdue\",\"timer\":\"{storm.Overdue.Name}\",\"dueDate\":null}}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancel);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            var due = new List<(long Id, long Assignment, long Unit)>(batchSize);
            await using (var claim = new NpgsqlCommand("""
                SELECT t.id, t.assignment_id, a.unit_id FROM timers t JOIN assignments a ON a.id = t.assignment_id
                WHERE t.status = 0 AND t.due_at <= @now ORDER BY t.due_at, t.id LIMIT @limit FOR UPDATE OF t SKIP LOCKED
                """, connection, transaction))
            {
                claim.Parameters.AddWithValue("now", atMs);
                claim.Parameters.AddWithValue("limit", batchSize);
                await using var reader = await claim.ExecuteReaderAsync(cancel);
                while (await reader.ReadAsync(cancel)) due.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
            if (due.Count == 0) break;
            var timerIds = due.Select(d => d.Id).ToArray();
            var assignmentIds = due.Select(d => d.Assignment).ToArray();
            await using (var timers = new NpgsqlCommand("UPDATE timers SET status = 1, fired_at = @at WHERE id = ANY(@ids)", connection, transaction))
            {
                timers.Parameters.AddWithValue("at", atMs);
                timers.Parameters.AddWithValue("ids", timerIds);
                await timers.ExecuteNonQueryAsync(cancel);
            }
            await using (var assignments = new NpgsqlCommand(
                "UPDATE assignments SET state = 'overdue', past_due = true, version = version + 1 WHERE id = ANY(@ids)", connection, transaction))
            {
                assignments.Parameters.AddWithValue("ids", assignmentIds);
                await assignments.ExecuteNonQueryAsync(cancel);
            }
            await using (var journal = await connection.BeginBinaryImportAsync(
                "COPY journal (assignment_id, at, actor, event, from_state, to_state, timer_id) FROM STDIN (FORMAT BINARY)", cancel))
            {
                foreach (var (id, a, _) in due)
                {
                    await journal.StartRowAsync(cancel);
                    await journal.WriteAsync(a, NpgsqlDbType.Bigint, cancel);
                    await journal.WriteAsync(atMs, NpgsqlDbType.Bigint, cancel);
                    await journal.WriteAsync("engine", NpgsqlDbType.Text, cancel);
                    await journal.WriteAsync("overdue", NpgsqlDbType.Text, cancel);
                    await journal.WriteAsync("in-progress", NpgsqlDbType.Text, cancel);
                    await journal.WriteAsync("overdue", NpgsqlDbType.Text, cancel);
                    await journal.WriteAsync(id, NpgsqlDbType.Bigint, cancel);
                }
                await journal.CompleteAsync(cancel);
            }
            await using (var outbox = await connection.BeginBinaryImportAsync(
                "COPY outbox (key, kind, assignment_id, unit_id, created_at, status, attempts, payload) FROM STDIN (FORMAT BINARY)", cancel))
            {
                foreach (var (id, a, unit) in due)
                {
                    await outbox.StartRowAsync(cancel);
                    await outbox.WriteAsync($"timer:{id}:overdue", NpgsqlDbType.Text, cancel);
                    await outbox.WriteAsync("overdue", NpgsqlDbType.Text, cancel);
                    await outbox.WriteAsync(a, NpgsqlDbType.Bigint, cancel);
                    await outbox.WriteAsync(unit, NpgsqlDbType.Bigint, cancel);
                    await outbox.WriteAsync(atMs, NpgsqlDbType.Bigint, cancel);
                    await outbox.WriteAsync("pending", NpgsqlDbType.Text, cancel);
                    await outbox.WriteAsync(0, NpgsqlDbType.Integer, cancel);
                    await outbox.WriteAsync(payload, NpgsqlDbType.Text, cancel);
                }
                await outbox.CompleteAsync(cancel);
            }
            await using (var next = await connection.BeginBinaryImportAsync(
                "COPY timers (assignment_id, name, kind, chain, due_at, status) FROM STDIN (FORMAT BINARY)", cancel))
            {
                foreach (var (_, a, _) in due)
                {
                    await next.StartRowAsync(cancel);
                    await next.WriteAsync(a, NpgsqlDbType.Bigint, cancel);
                    await next.WriteAsync(storm.Letter.Name, NpgsqlDbType.Text, cancel);
                    await next.WriteAsync(storm.Letter.Kind.ToString(), NpgsqlDbType.Text, cancel);
                    await next.WriteAsync("deadline", NpgsqlDbType.Text, cancel);
                    await next.WriteAsync(letterMs, NpgsqlDbType.Bigint, cancel);
                    await next.WriteAsync(0, NpgsqlDbType.Integer, cancel);
                }
                await next.CompleteAsync(cancel);
            }
            await transaction.CommitAsync(cancel);
        }
        return watch.Elapsed;
    }
}
