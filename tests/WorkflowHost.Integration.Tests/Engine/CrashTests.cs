using System.Diagnostics;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// <c>kill -9</c> in the middle of a run of due timers, then a restart: every step has happened exactly once, as in a
/// run that was never interrupted. Batches are transactions, so a crash loses at most the batch in flight, which the
/// restart does again.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private static readonly Dictionary<string, string> Stopped = new() { ["WorkflowHost__Clock__Speed"] = "0", ["WorkflowHost__Engine__BatchSize"] = "200" };
    private readonly TempFolder _crashed = new();
    private readonly TempFolder _straight = new();

    public void Dispose()
    {
        _crashed.Dispose();
        _straight.Dispose();
    }

    private static long Count(string folder, string sql) => new SqliteFile(folder).Count(sql);

    private static List<(long, string, long)> Journal(string folder) => new SqliteFile(folder).Journal();

    [Fact]
    public async Task Killed_mid_run_and_restarted_every_step_happened_exactly_once()
    {
        Assert.Equal(0, (await ProductProcess.RunAsync(_crashed.Path, Stopped, "plan", "import")).ExitCode);
        var initial = Count(_crashed.Path, "select count(*) from journal");

        // The whole year at once: tens of thousands of timers; kill the process once a good part has been committed.
        using (var process = Process.Start(ProductProcess.StartInfo(_crashed.Path, ["clock", "advance", "--to", "2024-12-31"], Stopped))!)
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (Count(_crashed.Path, "select count(*) from journal") < initial + 3000 && DateTime.UtcNow < deadline && !process.HasExited)
                await Task.Delay(50);
            Assert.False(process.HasExited, "the run finished before it could be killed; make it longer");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var atCrash = Count(_crashed.Path, "select count(*) from journal");
        Assert.True(atCrash > initial, "nothing was committed before the kill");

        var restarted = await ProductProcess.RunAsync(_crashed.Path, Stopped, "clock", "advance", "--to", "2024-12-31");
        var straight = await ProductProcess.RunAsync(_straight.Path, Stopped, "clock", "advance", "--to", "2024-12-31");

        Assert.True(restarted.ExitCode == 0, restarted.Stderr);
        Assert.True(straight.ExitCode == 0, straight.Stderr);
        var journal = Journal(_crashed.Path);
        Assert.Equal(Journal(_straight.Path), journal);
        Assert.Equal(journal.Count, journal.Distinct().Count());
        Assert.Equal(0, Count(_crashed.Path, "select count(*) from (select key from outbox group by key having count(*) > 1)"));
        Assert.Equal(Count(_straight.Path, "select count(*) from outbox"), Count(_crashed.Path, "select count(*) from outbox"));
        Assert.Equal(Count(_straight.Path, "select count(*) from escalations"), Count(_crashed.Path, "select count(*) from escalations"));
    }

    /// <summary>The same through the host itself (Quartz wakes the engine): the plan imported on 02-25, the host started
    /// with its clock stopped at 12-31 so the whole year's steps are due at once, killed once 3,000 journal rows are
    /// in, started again; compared with a host that ran the same catch-up without a break.</summary>
    [Fact]
    public async Task The_host_killed_mid_catch_up_and_restarted_did_every_step_exactly_once()
    {
        var yearEnd = new Dictionary<string, string>(Stopped)
        {
            ["WorkflowHost__Clock__Start"] = "2024-12-31T09:00:00+08:00",
            ["WorkflowHost__Engine__PollSeconds"] = "1",
        };
        const string dueLeft = "select count(*) from timers where status = 0 and due_at <= 1735606800000"; // 2024-12-31 09:00 +08:00
        foreach (var folder in new[] { _crashed.Path, _straight.Path })
            Assert.Equal(0, (await ProductProcess.RunAsync(folder, Stopped, "plan", "import")).ExitCode);
        var initial = Count(_crashed.Path, "select count(*) from journal");

        await using (var host = await RunningHost.StartAsync(_crashed.Path, yearEnd))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (Count(_crashed.Path, "select count(*) from journal") < initial + 3000 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.True(Count(_crashed.Path, dueLeft) > 0, "the catch-up finished before it could be killed; make it longer");
            host.Kill();
        }
        Assert.True(Count(_crashed.Path, "select count(*) from journal") > initial, "nothing was committed before the kill");

        foreach (var folder in new[] { _crashed.Path, _straight.Path })
        {
            await using var host = await RunningHost.StartAsync(folder, yearEnd);
            await host.WaitUntilAsync(() => Count(folder, dueLeft) == 0, TimeSpan.FromMinutes(3), "the host did not finish the catch-up");
        }

        var journal = Journal(_crashed.Path);
        Assert.Equal(Journal(_straight.Path), journal);
        // Everything happens at the same instant here, so each step is told apart by its timer's name.
        var steps = new SqliteFile(_crashed.Path).Lines("select j.assignment_id, t.name, j.event from journal j join timers t on t.id = j.timer_id");
        Assert.Equal(steps.Count, steps.Distinct().Count());
        Assert.Equal(0, Count(_crashed.Path, "select count(*) from (select key from outbox group by key having count(*) > 1)"));
        // Digests are left out: the daily-digest job writes them when it polls, not as a step of the catch-up.
        const string byKind = "select kind, count(*) from outbox where kind <> 'digest' group by kind order by kind";
        Assert.Equal(new SqliteFile(_straight.Path).Lines(byKind), new SqliteFile(_crashed.Path).Lines(byKind));
    }
}
