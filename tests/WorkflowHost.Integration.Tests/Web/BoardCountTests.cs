using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The board's counts kept by the database's triggers (<see cref="BoardCounts"/>) say what counting the assignments
/// says, whoever wrote them: the import, the engine's storm, commands, and set-based statements beside the application
/// (a state, an escalation's status, a unit's kind written by SQL) — before and after a fold, on SQLite and PostgreSQL.
/// The reference counts open escalations from the escalations themselves, so it checks the kept
/// <c>assignments.open_escalations</c> too.
/// </summary>
public sealed class BoardCountTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_kept_counts_equal_a_recount_after_every_kind_of_write_on_SQLite() =>
        await KeepsCountAsync(await StartAsync(_data.Path, China(2024, 2, 26, 9)));

    [Fact]
    public async Task The_kept_counts_equal_a_recount_after_every_kind_of_write_on_PostgreSQL()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await KeepsCountAsync(await StartAsync(_data.Path, China(2024, 2, 26, 9), settings: database.EngineSettings()));
    }

    private static async Task KeepsCountAsync(EngineHarness engine)
    {
        await using var _ = engine;
        var counts = new BoardCounts(engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>());
        await AssertCountedAsync(engine, "after the import");
        Assert.True(await counts.FoldAsync() > 0);
        await AssertCountedAsync(engine, "after the first fold", changesLeft: 0);

        // The storm: past due, 函告 issued, 通报 awaiting approval.
        await engine.AdvanceToAsync(China(2024, 4, 2, 12));
        await AssertCountedAsync(engine, "after the storm");

        var group = Assigned.WorkingGroup;
        List<long> overdue, awaiting;
        await using (var db = engine.Db())
        {
            overdue = await db.Assignments.Where(a => a.State == "overdue" && !db.Assignments.Any(c => c.ParentId == a.Id)).OrderBy(a => a.Id).Select(a => a.Id).Take(4).ToListAsync();
            awaiting = await db.Escalations.Where(e => e.Status == EscalationStatuses.AwaitingApproval).OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync();
        }
        Assert.Equal(4, overdue.Count);
        Assert.Equal(2, awaiting.Count);
        foreach (var id in overdue.Take(2))
        {
            var clerk = await engine.ClerkOfAsync(id);
            Assert.True((await engine.Mediator.Send(new ApplyForCompletion(id, clerk, "完成"))).Succeeded);
            Assert.True((await engine.Mediator.Send(new ApproveCompletion(id, group, "同意"))).Succeeded);
        }
        Assert.True((await engine.Mediator.Send(new ApproveEscalation(awaiting[0], group))).Succeeded);
        await AssertCountedAsync(engine, "after the commands");

        // Writers beside the application: a state, an escalation withdrawn, a unit that is no longer a 市州, a new escalation.
        await using (var db = engine.Db())
        {
            await db.Assignments.Where(a => a.Id == overdue[2]).ExecuteUpdateAsync(s => s.SetProperty(a => a.State, "in-progress").SetProperty(a => a.MissedReports, 2));
            var stillOpen = await db.Escalations.Where(e => e.Status == EscalationStatuses.Issued || e.Status == EscalationStatuses.AwaitingApproval)
                .OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync();
            await db.Escalations.Where(e => e.Id == stillOpen).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EscalationStatuses.Withdrawn));
            var region = await db.Units.Where(u => u.Kind == "region" && db.Assignments.Any(a => a.UnitId == u.Id)).Select(u => u.Id).FirstAsync();
            await db.Units.Where(u => u.Id == region).ExecuteUpdateAsync(s => s.SetProperty(u => u.Kind, "department"));
            db.Escalations.Add(new EscalationRow { AssignmentId = overdue[3], Step = "circular", RaisedAt = 1, Status = EscalationStatuses.AwaitingApproval });
            await db.SaveChangesAsync();
        }
        await AssertCountedAsync(engine, "after writes beside the application");
        await counts.FoldAsync();
        await AssertCountedAsync(engine, "after the last fold", changesLeft: 0);
        await using (var db = engine.Db())
            Assert.False(await db.BoardCounts.AnyAsync(c => c.Count == 0), "a fold keeps no empty cell");
    }

    /// <summary>The kept counts (counts plus changes) equal a recount from the assignments, their units and their
    /// escalations; every assignment's kept open escalations equal its open escalations.</summary>
    private static async Task AssertCountedAsync(EngineHarness engine, string when, int? changesLeft = null)
    {
        await using var db = engine.Db();
        var open = await db.Escalations.Where(e => e.Status == EscalationStatuses.Issued || e.Status == EscalationStatuses.AwaitingApproval)
            .GroupBy(e => e.AssignmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var regions = (await db.Units.Where(u => u.Kind == "region").Select(u => u.Id).ToListAsync()).ToHashSet();
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.State != null).ToListAsync();
        Assert.True(assignments.Count > 100, $"{when}: only {assignments.Count} assignments");
        Assert.All(assignments, a => Assert.True(open.GetValueOrDefault(a.Id) == a.OpenEscalations,
            $"{when}: assignment {a.Id} keeps {a.OpenEscalations} open escalations, has {open.GetValueOrDefault(a.Id)}"));

        var expected = assignments
            .GroupBy(a => (a.TaskId, Region: regions.Contains(a.UnitId), a.DefinitionId!, a.DefinitionVersion, a.State!, a.PastDue,
                a.DueDate ?? BoardCountRow.NoDueDate, a.MissedReports > 0, open.ContainsKey(a.Id)))
            .Select(g => (g.Key, g.Count())).OrderBy(x => x.ToString()).ToList();
        var actual = (await BoardCounts.ReadAsync(db, null, null, null, CancellationToken.None))
            .Select(c => ((c.TaskId, c.Region, c.DefinitionId, c.DefinitionVersion, c.State, c.PastDue, c.DueDate, c.MissedReports, c.OpenEscalation), c.Count))
            .OrderBy(x => x.ToString()).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{when}: kept counts differ from a recount:\n  kept    {string.Join("; ", actual.Except(expected))}\n  counted {string.Join("; ", expected.Except(actual))}");
        if (changesLeft is { } left) Assert.Equal(left, await db.BoardCountChanges.CountAsync());
    }
}
