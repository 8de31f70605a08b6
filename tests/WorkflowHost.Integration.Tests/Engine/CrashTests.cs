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
}
