using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary>The benchmark (<c>bench/WorkflowHost.Bench</c>) at a small size, as a smoke check: every measure runs and lands in the table. No timing is
/// asserted (the full size is run by hand; see docs/benchmarks.md).</summary>
public sealed class BenchVerbTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Bench_at_a_small_size_prints_every_measure_from_one_run()
    {
        var result = await ProductProcess.RunBenchAsync(_data.Path, "--units", "20", "--quartz-sample", "10", "--dashboard-rounds", "2");

        Assert.True(result.ExitCode == 0, result.Stderr);
        // 20 units: 2 departments (a lead and its co-unit), one 市州 and its 17 县区 — 3 imported shares per task, 17
        // handed down, 860 in all; the storm is the 19 tasks due 12月底前.
        Assert.Contains("43 tasks: 129 assignments", result.Stdout);
        Assert.Contains("| 731 shares below 129 |", result.Stdout);
        Assert.Contains("860 assignments", result.Stdout);
        Assert.Contains("(17 shares below,", result.Stdout);
        Assert.Matches(@"\| deadline storm, engine \(SQLite\) \| 380 timers due at one instant \|", result.Stdout);
        Assert.Contains("| deadline storm, raw batched ADO.NET floor (SQLite) | 380 timers |", result.Stdout);
        Assert.Contains("sampled: 10 of 380 timers", result.Stdout);
        foreach (var measure in new[] { "storm: engine ÷ Quartz", "storm: raw floor ÷ engine", "host start to serving requests", "resident memory, host idle",
                     "resident memory, during the storm", "dashboard: board, unfiltered", "dashboard: board, the regions only", "dashboard: overdue ranking", "dashboard: wall", "Storm profile",
                     "tree: task page of a lead department", "tree: task page of a 市州", "tree: 待确认 of a lead department", "tree: 待确认 of a 市州" })
            Assert.Contains(measure, result.Stdout);
        Assert.DoesNotContain("other timers were due", result.Stdout);
    }

    [Fact]
    public async Task Bad_sizes_are_refused_and_named()
    {
        var result = await ProductProcess.RunBenchAsync(_data.Path, "--units", "0", "--quartz-sample", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--units must be 3–99999, not 0", result.Stderr);
        Assert.Contains("--quartz-sample must be at least 1, not 0", result.Stderr);
    }
}
