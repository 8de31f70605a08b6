using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Two people deciding the same application at the same moment: one wins, the other is told why not, and the journal
/// records one decision. On SQLite writers queue for the database lock; on PostgreSQL the assignment's version column
/// makes the loser re-read and re-decide.
/// </summary>
public sealed class ConcurrentCommandTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public Task On_SQLite_approve_and_reject_at_once_give_one_decision() => OneDecisionEachAsync(null);

    [Fact]
    public async Task On_PostgreSQL_approve_and_reject_at_once_give_one_decision()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await OneDecisionEachAsync(database.EngineSettings());
    }

    private async Task OneDecisionEachAsync(IDictionary<string, string?>? settings)
    {
        await using var engine = await StartAsync(_data.Path, China(2024, 3, 1, 9), settings: settings);
        // The 15 市州 and 兰州新区 on task 5: each applies, then two reviewers decide each at the same moment.
        await using var db = engine.Db();
        var ids = await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id where t.No == 5 select new { a.Id, a.UnitId }).ToListAsync();
        foreach (var a in ids)
            Assert.True((await engine.Mediator.Send(new ApplyForCompletion(a.Id, new("联络员", WorkflowHost.Engine.Runtime.ActorRole.UnitClerk, a.UnitId), null))).Succeeded);

        var races = ids.Select(async a =>
        {
            var approve = Task.Run(async () => await engine.Mediator.Send(new ApproveCompletion(a.Id, Assigned.WorkingGroup)));
            var reject = Task.Run(async () => await engine.Mediator.Send(new RejectCompletion(a.Id, new("另一位专班成员", WorkflowHost.Engine.Runtime.ActorRole.WorkingGroup), "材料不全")));
            return (a.Id, Results: await Task.WhenAll(approve, reject));
        });
        var outcomes = await Task.WhenAll(races);

        foreach (var (id, results) in outcomes)
        {
            Assert.Single(results, r => r.Succeeded);
            Assert.Matches("已销号|尚未申请办结", Assert.Single(results, r => !r.Succeeded).Refusal);
            var decisions = (await engine.EventsAsync(id)).Count(e => e is "closed" or "rejected");
            Assert.Equal(1, decisions);
            var row = await engine.ReloadAsync(id);
            Assert.Equal(results.Single(r => r.Succeeded).NewState, row.State);
        }
    }
}
