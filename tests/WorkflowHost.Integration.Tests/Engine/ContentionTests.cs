using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>Hundreds of people's commands while the engine works through a storm of due timers on SQLite: every
/// command is answered (none sees "database is locked"), and none is lost.</summary>
public sealed class ContentionTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Commands_during_a_storm_all_land()
    {
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 25, 9), settings: new Dictionary<string, string?> { ["WorkflowHost:Engine:BatchSize"] = "500" });
        await using var db = engine.Db();
        var ongoing = await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id
                             where t.DeadlineKind == "ongoing" && t.ReportingCadence == "monthly" orderby a.Id select new { a.Id, a.UnitId }).Take(300).ToListAsync();

        // A year of timers at once (the storm), and 300 reports sent meanwhile from 300 tasks of the thread pool.
        var storm = engine.AdvanceToAsync(China(2024, 12, 31));
        var reports = ongoing.Select(a => Task.Run(async () =>
            await engine.Mediator.Send(new SubmitReport(a.Id, new Actor("联络员", ActorRole.UnitClerk, a.UnitId), "本期进展", Period: "2024-02")))).ToList();
        var results = await Task.WhenAll(reports);
        var fired = await storm;

        Assert.All(results, r => Assert.True(r.Succeeded, r.Refusal));
        Assert.Equal(ongoing.Count, await db.Reports.CountAsync(r => r.Period == "2024-02"));
        Assert.True(fired > 10_000, $"{fired} timers fired");
    }
}
