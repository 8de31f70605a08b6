using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Stopping and starting the product between timers and right after a batch of due timers: each step still happens
/// exactly once, at its own time, as if the product had run without a break.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempFolder _broken = new();
    private readonly TempFolder _straight = new();

    public void Dispose()
    {
        _broken.Dispose();
        _straight.Dispose();
    }

    /// <summary>The default clock runs at speed 1 from 2024-02-25 09:00, so its import time would depend on how long
    /// the process took to start; stopped, two runs are comparable to the millisecond.</summary>
    private static readonly Dictionary<string, string> StoppedClock = new() { ["WorkflowHost__Clock__Speed"] = "0" };

    private static List<(long Assignment, string Event, long At)> Journal(string folder) => new SqliteFile(folder).Journal();

    private static async Task AdvanceAsync(string folder, string to)
    {
        var result = await ProductProcess.RunAsync(folder, StoppedClock, "clock", "advance", "--to", to);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Fact]
    public async Task Advancing_in_three_runs_gives_the_same_journal_as_one_run()
    {
        await AdvanceAsync(_broken.Path, "2024-03-10T12:00");      // stopped between timers
        await AdvanceAsync(_broken.Path, "2024-03-18T09:00");      // stopped right after the batch of 函告 due at 09:00
        await AdvanceAsync(_broken.Path, "2024-04-30");
        await AdvanceAsync(_straight.Path, "2024-04-30");

        var broken = Journal(_broken.Path);
        Assert.Equal(Journal(_straight.Path), broken);
        Assert.Equal(broken.Count, broken.Distinct().Count());
        Assert.Contains(broken, j => j.Event == "letter" && j.At == new DateTimeOffset(2024, 3, 18, 9, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_clock_does_not_go_back_and_a_real_clock_cannot_be_advanced()
    {
        await AdvanceAsync(_broken.Path, "2024-03-10");
        var back = await ProductProcess.RunAsync(_broken.Path, StoppedClock, "clock", "advance", "--to", "2024-03-01");
        var real = await ProductProcess.RunAsync(_straight.Path, new Dictionary<string, string> { ["WorkflowHost__Clock__Mode"] = "Real" }, "clock", "advance", "--to", "2030-01-01");
        var shown = await ProductProcess.RunAsync(_broken.Path, StoppedClock, "clock", "show");

        Assert.Equal(2, back.ExitCode);
        Assert.Contains("时钟只能向后调整", back.Stderr);
        Assert.Equal(2, real.ExitCode);
        Assert.Contains("时钟为真实时间", real.Stderr);
        Assert.Contains("virtual clock at 2024-03-10 00:00 +08:00", shown.Stdout);
    }

    [Fact]
    public async Task The_host_fires_due_steps_through_Quartz_and_a_restart_repeats_none()
    {
        static Dictionary<string, string> At(string start) => new()
        {
            ["WorkflowHost__Clock__Start"] = start,
            ["WorkflowHost__Clock__Speed"] = "0",
            ["WorkflowHost__Engine__PollSeconds"] = "1",
        };
        long CountOf(string sql) => new SqliteFile(_broken.Path).Count(sql);
        const string letters = "select count(*) from journal where event = 'letter'";
        const string circulars = "select count(*) from journal where event = 'circular'";

        // Started after 3 月 15 日's 函告 time: the plan is imported and its overdue steps fire at once, each once.
        await using (var host = await RunningHost.StartAsync(_broken.Path, At("2024-03-18T09:00:30+08:00")))
            await host.WaitUntilAsync(() => CountOf(letters) > 0 && CountOf("select count(*) from timers where status = 0 and due_at <= 1710723630000") == 0, TimeSpan.FromMinutes(1));
        var lettersBefore = CountOf(letters);

        // Started again later (03-29, the 通报 day): the circulars fire; nothing already done happens again.
        await using (var host = await RunningHost.StartAsync(_broken.Path, At("2024-03-29T09:00:30+08:00")))
            await host.WaitUntilAsync(() => CountOf(circulars) > 0 && CountOf("select count(*) from timers where status = 0 and due_at <= 1711674030000") == 0, TimeSpan.FromMinutes(1));

        Assert.Equal(lettersBefore, CountOf(letters));
        Assert.Equal(0, CountOf("select count(*) from (select assignment_id, event, at from journal group by assignment_id, event, at having count(*) > 1)"));
        // Every letter so far was for a due date (02-29 or 03-15) whose 10th working day has come by 03-29.
        Assert.Equal(lettersBefore, CountOf(circulars));
    }
}
