using Microsoft.Data.Sqlite;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Reads a running host's SQLite file directly, read-only: what the browser tests check behind the pages.</summary>
public static class HostDatabase
{
    public static string? Scalar(string databaseFile, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
