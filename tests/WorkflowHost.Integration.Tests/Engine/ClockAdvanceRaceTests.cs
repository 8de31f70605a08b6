using Microsoft.EntityFrameworkCore;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// The administrator moves the virtual clock forward while the engine is still working through a catch-up of due
/// timers in small batches (the host's wake job and the web's clock control run in one process). Every step must
/// happen once, at its own time, exactly as if the two had run one after the other.
/// </summary>
public sealed class ClockAdvanceRaceTests : IDisposable
{
    private readonly TempFolder _raced = new();
    private readonly TempFolder _sequential = new();

    public void Dispose()
    {
        _raced.Dispose();
        _sequential.Dispose();
    }

    private static readonly DateTimeOffset Import = China(2024, 2, 25, 9);
    // Down from the import until after the 函告 of the 02-29 and 03-15 deadlines: hundreds of steps are due at once.
    private static readonly DateTimeOffset Restart = China(2024, 3, 18, 9, 1);
    private static readonly DateTimeOffset Target = China(2024, 4, 30);

    [Fact]
    public Task On_SQLite_a_clock_advance_during_a_batch_fires_each_step_once_at_its_time() => RaceAsync(_ => Task.FromResult<IDictionary<string, string?>>(Small()));

    [Fact]
    public async Task On_PostgreSQL_a_clock_advance_during_a_batch_fires_each_step_once_at_its_time()
    {
        await using var raced = await PostgresServer.CreateDatabaseAsync();
        await using var sequential = await PostgresServer.CreateDatabaseAsync();
        await RaceAsync(run => Task.FromResult<IDictionary<string, string?>>(Small(run == 0 ? raced.ConnectionString : sequential.ConnectionString)));
    }

    /// <summary>Batches of 20 so the catch-up is still running when the advance starts.</summary>
    private static Dictionary<string, string?> Small(string? postgres = null)
    {
        var settings = new Dictionary<string, string?> { ["WorkflowHost:Engine:BatchSize"] = "20" };
        if (postgres is null) return settings;
        settings["WorkflowHost:Database:Provider"] = "PostgreSql";
        settings["WorkflowHost:Database:ConnectionString"] = postgres;
        return settings;
    }

    private async Task RaceAsync(Func<int, Task<IDictionary<string, string?>>> settingsFor)
    {
        List<(long, string, long)> raced, sequential;
        await using (var engine = await StartAsync(_raced.Path, Import, settings: await settingsFor(0)))
        {
            engine.Clock.MoveTo(Restart);
            var catchUp = Task.Run(() => engine.Processor.RunDueAsync());
            var advance = Task.Run(() => engine.AdvanceToAsync(Target));
            await Task.WhenAll(catchUp, advance);
            raced = await JournalAsync(engine);
            await using var db = engine.Db();
            Assert.Equal(0, await db.Outbox.GroupBy(o => o.Key).CountAsync(g => g.Count() > 1));
            Assert.Equal(0, await db.Timers.CountAsync(t => t.Status == Infrastructure.Persistence.TimerStatus.Pending && t.DueAt <= Target.ToUnixTimeMilliseconds()));
        }
        await using (var engine = await StartAsync(_sequential.Path, Import, settings: await settingsFor(1)))
        {
            engine.Clock.MoveTo(Restart);
            await engine.Processor.RunDueAsync();
            await engine.AdvanceToAsync(Target);
            sequential = await JournalAsync(engine);
        }

        Assert.True(sequential.Count > 500, $"only {sequential.Count} journal rows: the scenario lost its catch-up");
        Assert.Equal(raced.Count, raced.Distinct().Count());
        Assert.Equal(sequential, raced);
    }

    /// <summary>(assignment, event, instant) per assignment in the order recorded.</summary>
    private static async Task<List<(long, string, long)>> JournalAsync(EngineHarness engine)
    {
        await using var db = engine.Db();
        var rows = await db.Journal.AsNoTracking().Where(j => j.AssignmentId != null).OrderBy(j => j.AssignmentId).ThenBy(j => j.Id)
            .Select(j => new { j.AssignmentId, j.Event, j.At }).ToListAsync();
        return rows.Select(j => (j.AssignmentId!.Value, j.Event, j.At)).ToList();
    }
}
