using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary><c>audit verify</c> on a real audit log: intact, then tampered with in each way it can be.</summary>
public sealed class AuditVerbTests : IDisposable
{
    private static readonly Dictionary<string, string> Stopped = new() { ["WorkflowHost__Clock__Speed"] = "0" };
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private void Execute(string sql) => new SqliteFile(_data.Path).Execute(sql);

    /// <summary>Three audited actions: clock advances by the administrator's console.</summary>
    private async Task WriteEntriesAsync()
    {
        foreach (var day in new[] { "2024-03-01", "2024-03-02", "2024-03-03" })
            Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, Stopped, "clock", "advance", "--to", day)).ExitCode);
    }

    [Fact]
    public async Task An_untouched_log_verifies()
    {
        await WriteEntriesAsync();

        var result = await ProductProcess.RunAsync(_data.Path, "audit", "verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("ok: 3 audit entries, chain intact; head [0-9a-f]{64}", result.Stdout);
    }

    [Theory]
    [InlineData("update audit set detail = 'to 2024-12-31' where id = 2", "entry 2 was changed")]
    [InlineData("update audit set \"user\" = 'someone-else' where id = 1", "entry 1 was changed")]
    [InlineData("delete from audit where id = 2", "entry 3 does not follow")]
    [InlineData("update audit set id = 10 where id = 1", "entry 2 does not follow")]
    public async Task Tampering_is_detected_and_named(string tamper, string message)
    {
        await WriteEntriesAsync();
        // Someone with the rights to drop the append-only triggers first.
        Execute($"drop trigger audit_no_update; drop trigger audit_no_delete; {tamper}");

        var result = await ProductProcess.RunAsync(_data.Path, "audit", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Theory]
    [InlineData("update audit set detail = 'to 2024-12-31' where id = 2")]
    [InlineData("delete from audit where id = 2")]
    [InlineData("delete from audit")]
    public async Task The_database_refuses_to_change_or_remove_entries(string tamper)
    {
        await WriteEntriesAsync();
        var before = new SqliteFile(_data.Path).Lines("select * from audit order by id");

        var refused = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => Execute(tamper));

        Assert.Contains("the audit log is append-only", refused.Message);
        Assert.Equal(before, new SqliteFile(_data.Path).Lines("select * from audit order by id"));
        Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, "audit", "verify")).ExitCode);
    }

    [Theory]
    [InlineData("update audit set detail = 'x'")]
    [InlineData("delete from audit")]
    [InlineData("truncate audit")]
    public async Task On_PostgreSQL_the_database_refuses_to_change_or_remove_entries(string tamper)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>(Stopped)
        {
            ["WorkflowHost__Database__Provider"] = "PostgreSql",
            ["WorkflowHost__Database__ConnectionString"] = database.ConnectionString,
        };
        Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, settings, "clock", "advance", "--to", "2024-03-01")).ExitCode);
        var entries = await database.CountAsync("select count(*) from audit");
        Assert.True(entries > 0);

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => database.CountAsync(tamper));

        Assert.Contains("the audit log is append-only", refused.MessageText);
        Assert.Equal(entries, await database.CountAsync("select count(*) from audit"));
    }
}
