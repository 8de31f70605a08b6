using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// The working group closes assignments at the very moment their 通报 comes due. Whichever lands first, the outcome is
/// one of the two consistent ones — closed before the step (no 通报), or 通报 raised and then withdrawn by the close —
/// and each thing is recorded once.
/// </summary>
public sealed class RaceTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public Task On_SQLite_approving_while_the_circular_fires_gives_one_consistent_outcome_per_assignment() => ApproveDuringCircularAsync(null);

    /// <summary>On PostgreSQL the engine's batch and the approvals really run at once (no single writer): the
    /// assignment's version column makes whichever commits second re-read and decide again.</summary>
    [Fact]
    public async Task On_PostgreSQL_approving_while_the_circular_fires_gives_one_consistent_outcome_per_assignment()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await ApproveDuringCircularAsync(database.EngineSettings());
    }

    [Fact]
    public Task On_SQLite_a_通报_approved_while_its_units_close_names_exactly_those_still_open() => ApproveProposalDuringClosesAsync(null);

    [Fact]
    public async Task On_PostgreSQL_a_通报_approved_while_its_units_close_names_exactly_those_still_open()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await ApproveProposalDuringClosesAsync(database.EngineSettings());
    }

    /// <summary>Task 5's 通报 of 03-29 is one proposal for its 16 units; the working group approves it while it closes
    /// each unit's task (销号, which withdraws the unit's 通报 if it comes first). Whatever the order, a unit is either in
    /// the issued document (its 通报 issued) or not (withdrawn) — never withdrawn yet named, or issued yet left out.</summary>
    private async Task ApproveProposalDuringClosesAsync(IDictionary<string, string?>? settings)
    {
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 25, 9), settings: settings);
        await engine.AdvanceToAsync(China(2024, 3, 29, 9, 1));
        await using var db = engine.Db();
        var ids = await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id where t.No == 5 select new { a.Id, a.UnitId }).ToListAsync();
        var proposal = await (from e in db.Escalations join a in db.Assignments on e.AssignmentId equals a.Id join t in db.PlanTasks on a.TaskId equals t.Id
                              where t.No == 5 && e.Step == "circular" select e.ProposalId).Distinct().SingleAsync();
        Assert.NotNull(proposal);
        foreach (var a in ids)
            Assert.True((await engine.Mediator.Send(new ApplyForCompletion(a.Id, new Actor("联络员", ActorRole.UnitClerk, a.UnitId), null))).Succeeded);

        var closes = ids.Select(a => Task.Run(async () => await engine.Mediator.Send(new ApproveCompletion(a.Id, Assigned.WorkingGroup)))).ToList();
        var approval = Task.Run(async () => await engine.Mediator.Send(new DecideProposals([proposal!.Value], Approve: true, Reason: null, Assigned.WorkingGroup)));
        Assert.All(await Task.WhenAll(closes), r => Assert.Equal("closed", r.NewState));
        var approved = await approval;

        db.ChangeTracker.Clear();
        var escalations = await db.Escalations.Where(e => e.ProposalId == proposal).ToListAsync();
        Assert.Equal(ids.Count, escalations.Count);
        Assert.All(escalations, e => Assert.Contains(e.Status, new[] { "issued", "withdrawn" }));
        var row = await db.EscalationProposals.SingleAsync(p => p.Id == proposal);
        if (approved.Succeeded)
        {
            var named = System.Text.Json.JsonSerializer.Deserialize<long[]>(await db.Documents.Where(d => d.Id == row.DocumentId).Select(d => d.AssignmentIds).SingleAsync())!;
            Assert.Equal(escalations.Where(e => e.Status == "issued").Select(e => e.AssignmentId).Order(), named.Order());
            Assert.Equal("issued", row.Status);
        }
        else
        {
            // Every unit closed first: nothing was left to issue.
            Assert.All(escalations, e => Assert.Equal("withdrawn", e.Status));
            Assert.Equal("withdrawn", row.Status);
            Assert.Equal(0, await db.Documents.CountAsync());
        }
        foreach (var a in ids) Assert.Single(await engine.EventsAsync(a.Id), e => e == "closed");
    }

    private async Task ApproveDuringCircularAsync(IDictionary<string, string?>? settings)
    {
        // Task 5 (due 2024-03-15) for the 15 市州 and 兰州新区: 函告 on 03-18, 通报 on 03-29 09:00.
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 25, 9), settings: settings);
        await engine.AdvanceToAsync(China(2024, 3, 29, 8, 59));
        await using var db = engine.Db();
        var ids = await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id where t.No == 5 select new { a.Id, a.UnitId }).ToListAsync();
        foreach (var a in ids)
            Assert.True((await engine.Mediator.Send(new ApplyForCompletion(a.Id, new Actor("联络员", ActorRole.UnitClerk, a.UnitId), null))).Succeeded);

        var circulars = engine.AdvanceToAsync(China(2024, 3, 29, 9, 1));
        var approvals = ids.Select(a => Task.Run(async () => await engine.Mediator.Send(new ApproveCompletion(a.Id, Assigned.WorkingGroup)))).ToList();
        await circulars;
        var results = await Task.WhenAll(approvals);

        Assert.All(results, r => Assert.Equal("closed", r.NewState));
        db.ChangeTracker.Clear();
        foreach (var a in ids)
        {
            var events = await engine.EventsAsync(a.Id);
            Assert.Single(events, e => e == "closed");
            Assert.True(events.Count(e => e == "circular") <= 1);
            var circular = await db.Escalations.Where(e => e.AssignmentId == a.Id && e.Step == "circular").ToListAsync();
            // Either the close came first (no circular at all) or the circular was raised and the close withdrew it.
            Assert.True(circular.Count == 0 || circular.Single().Status == "withdrawn", $"assignment {a.Id}: {string.Join(",", circular.Select(c => c.Status))}");
            Assert.Empty(await engine.PendingTimersAsync(a.Id));
        }
        Assert.Equal(0, await db.Outbox.GroupBy(o => o.Key).CountAsync(g => g.Count() > 1));
    }
}
