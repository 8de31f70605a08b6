using System.Diagnostics;
using Microsoft.Data.Sqlite;
using WorkflowHost.Infrastructure.Persistence.Bulk;
using WorkflowHost.Infrastructure.Workflows;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// The floor for the storm on SQLite: the same rows the engine writes per firing (timer fired, assignment overdue
/// with its version bumped, journal row, outbox row, next timer, the board's counts and the units' tallies) by the most minimal loop there is — one claim query
/// per 2,000 timers, reused prepared statements, one transaction per batch, no reading of assignments and no
/// decisions. What the engine adds on top of this is its reads and its rules.
/// </summary>
public static class RawFloor
{
    public static TimeSpan Run(string connectionString, StormShape storm, int batchSize)
    {
        var atMs = UnixTime.Of(storm.At);
        var letterMs = UnixTime.Of(storm.Letter.At);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var transaction = connection.BeginTransaction();
            var due = new List<(long Id, long Assignment, long Unit)>(batchSize);
            using (var claim = Command(connection, transaction, """
                SELECT t.id, t.assignment_id, a.unit_id FROM timers t JOIN assignments a ON a.id = t.assignment_id
                WHERE t.status = 0 AND t.due_at <= $now ORDER BY t.due_at, t.id LIMIT $limit
                """, "$now", "$limit"))
            {
                claim.Parameters[0].Value = atMs;
                claim.Parameters[1].Value = batchSize;
                using var reader = claim.ExecuteReader();
                while (reader.Read()) due.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
            if (due.Count == 0) break;
            using var timer = Command(connection, transaction, "UPDATE timers SET status = 1, fired_at = $at WHERE id = $id", "$at", "$id");
            using var assignment = Command(connection, transaction,
                "UPDATE assignments SET state = 'overdue', past_due = 1, version = version + 1 WHERE id = $id", "$id");
            using var journal = Command(connection, transaction, """
                INSERT INTO journal (assignment_id, at, actor, event, from_state, to_state, timer_id)
                VALUES ($a, $at, 'engine', 'overdue', 'in-progress', 'overdue', $timer)
                """, "$a", "$at", "$timer");
            using var outbox = Command(connection, transaction, """
                INSERT INTO outbox (key, kind, assignment_id, unit_id, created_at, status, attempts, payload)
                VALUES ($key, 'overdue', $a, $unit, $at, 'pending', 0, $payload)
                """, "$key", "$a", "$unit", "$at", "$payload");
            using var next = Command(connection, transaction, """
                INSERT INTO timers (assignment_id, name, kind, chain, due_at, status) VALUES ($a, $name, $kind, 'deadline', $due, 0)
                """, "$a", "$name", "$kind", "$due");
            // The board's counts and the units' tallies, as the engine keeps them on SQLite (SqliteBoardCounts.Changes):
            // what the batch's assignments count for taken off before its writes, added back after them.
            var ids = System.Text.Json.JsonSerializer.Serialize(due.Select(d => d.Assignment).Distinct());
            using var pause = Command(connection, transaction, SqliteBoardCounts.Pause);
            using var cellsOff = Command(connection, transaction, SqliteBoardCounts.Changes("a.id IN (SELECT value FROM json_each($ids))", -1), "$ids");
            using var cellsOn = Command(connection, transaction, SqliteBoardCounts.Changes("a.id IN (SELECT value FROM json_each($ids))", 1), "$ids");
            using var resume = Command(connection, transaction, SqliteBoardCounts.Resume);
            Run(pause);
            Run(cellsOff, ids);
            foreach (var (id, a, unit) in due)
            {
                Run(timer, atMs, id);
                Run(assignment, a);
                Run(journal, a, atMs, id);
                Run(outbox, $"timer:{id}:overdue", a, unit, atMs, $"{{\"task\":0,\"step\":\"overdue\",\"timer\":\"{storm.Overdue.Name}\",\"dueDate\":null}}");
                Run(next, a, storm.Letter.Name, storm.Letter.Kind.ToString(), letterMs);
            }
            Run(cellsOn, ids);
            Run(resume);
            transaction.Commit();
        }
        return watch.Elapsed;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }
}
