using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary>Findings 8 and 10 as found: <c>clock advance --to 9999-12-31</c> fired 106,828 timers, and
/// <c>deadline … --year 99999</c> died with a stack trace. The command line keeps the same limits as the page and the
/// API, and says what they are.</summary>
public sealed class LimitVerbTests : IDisposable
{
    private static readonly Dictionary<string, string> Stopped = new() { ["WorkflowHost__Clock__Speed"] = "0" };
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("9999-12-31", "一次最多前进 1098 天")]
    [InlineData("2027-01-02", "只载入到 2026 年")]
    public async Task The_clock_is_moved_within_the_same_limits_as_on_the_page(string to, string message)
    {
        Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, Stopped, "clock", "advance", "--to", "2024-03-01")).ExitCode);
        var pending = Pending();

        var result = await ProductProcess.RunAsync(_data.Path, Stopped, "clock", "advance", "--to", to);
        var shown = await ProductProcess.RunAsync(_data.Path, Stopped, "clock", "show");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal(pending, Pending());
        Assert.Contains("virtual clock at 2024-03-01 00:00 +08:00", shown.Stdout);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("0")]
    [InlineData("1999")]
    public async Task A_plan_year_out_of_range_is_refused_without_a_stack_trace(string year)
    {
        var result = await ProductProcess.RunAsync(_data.Path, "deadline", "2月底前完成", "--year", year);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("不是计划年度,应为2000至2100年", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    private long Pending() => new SqliteFile(_data.Path).Count("select count(*) from timers where status = 0");
}
