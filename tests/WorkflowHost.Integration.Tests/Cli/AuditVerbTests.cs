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
        Execute(tamper);

        var result = await ProductProcess.RunAsync(_data.Path, "audit", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }
}
