using Microsoft.Data.Sqlite;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>The product's SQLite file in a test's data folder, read (and, to tamper, written) directly with SQL.</summary>
public sealed class SqliteFile(string dataFolder)
{
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "workflowhost.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    public long Count(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The journal as (assignment, event, instant), in a stable order: two runs compare as lists.</summary>
    public List<(long Assignment, string Event, long At)> Journal()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select coalesce(assignment_id, 0), event, at from journal order by 1, 3, 2";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, long)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    /// <summary>Each row of a query as its columns joined by '|' (for comparing sets of rows between runs).</summary>
    public List<string> Lines(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
            lines.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return lines;
    }
}
