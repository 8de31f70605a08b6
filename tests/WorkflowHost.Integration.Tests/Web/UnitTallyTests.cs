using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// 晾晒's tallies kept by the database's triggers (<see cref="UnitTallies"/>) say what counting the assignments, their
/// report timers and their escalations says (<see cref="FilteredBoardQueries.CountUnitTalliesAsync"/>), whoever wrote
/// them: the import, the engine's storm, commands, and statements beside the application — before and after a fold,
/// on days before, at and after the kept day, for each plan-and-area filter the kept path serves, on SQLite and
/// PostgreSQL; and a changed state role counts them all again.
/// </summary>
public sealed class UnitTallyTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_kept_tallies_equal_a_recount_after_every_kind_of_write_on_SQLite() =>
        await KeepsTallyAsync(await StartAsync(_data.Path, China(2024, 2, 26, 9)));

    [Fact]
    public async Task The_kept_tallies_equal_a_recount_after_every_kind_of_write_on_PostgreSQL()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await KeepsTallyAsync(await StartAsync(_data.Path, China(2024, 2, 26, 9), settings: database.EngineSettings()));
    }

    private static async Task KeepsTallyAsync(EngineHarness engine)
    {
        await using var _ = engine;
        var tallies = engine.Services.GetRequiredService<UnitTallies>();
        await AssertTalliedAsync(engine, "after the import");
        await tallies.FoldAsync(engine.Today);
        await AssertTalliedAsync(engine, "after the first fold", changesLeft: 0);

        // The storm: past due, 函告 issued, report periods missed; the kept day is now behind today.
        await engine.AdvanceToAsync(China(2024, 4, 2, 12));
        var afterStorm = await AssertTalliedAsync(engine, "after the storm (kept day behind)");
        Assert.True(afterStorm.Sum(t => t.Overdue) > 0 && afterStorm.Sum(t => t.Due) > 0, "the storm made assignments overdue and due");
        Assert.True(afterStorm.Sum(t => t.ReportsDue) > 0 && afterStorm.Sum(t => t.IssuedEscalations) > 0, "the storm ended report periods and issued letters");
        await tallies.FoldAsync(engine.Today);
        await AssertTalliedAsync(engine, "after a fold that moved the kept day", changesLeft: 0);
        // A day before the kept one (a reader on another node whose clock lags, a test's clock set back).
        await AssertTalliedAsync(engine, "read a month before the kept day", today: engine.Today.AddDays(-30));

        var group = Assigned.WorkingGroup;
        List<long> overdue, awaiting;
        await using (var db = engine.Db())
        {
            overdue = await db.Assignments.Where(a => a.State == "overdue" && !db.Assignments.Any(c => c.ParentId == a.Id)).OrderBy(a => a.Id).Select(a => a.Id).Take(5).ToListAsync();
            awaiting = await db.Escalations.Where(e => e.Status == EscalationStatuses.AwaitingApproval).OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync();
        }
        Assert.Equal(5, overdue.Count);
        Assert.Equal(2, awaiting.Count);
        foreach (var id in overdue.Take(2))
        {
            var clerk = await engine.ClerkOfAsync(id);
            Assert.True((await engine.Mediator.Send(new ApplyForCompletion(id, clerk, "完成"))).Succeeded);
            Assert.True((await engine.Mediator.Send(new ApproveCompletion(id, group, "同意"))).Succeeded);
        }
        Assert.True((await engine.Mediator.Send(new ApproveEscalation(awaiting[0], group))).Succeeded);
        await AssertTalliedAsync(engine, "after the commands");

        // Writers beside the application: a state, a closing time, an escalation issued and another withdrawn, a report
        // timer skipped after all, an assignment moved to another unit.
        await using (var db = engine.Db())
        {
            await db.Assignments.Where(a => a.Id == overdue[2]).ExecuteUpdateAsync(s => s.SetProperty(a => a.State, "in-progress"));
            await db.Assignments.Where(a => a.Id == overdue[0]).ExecuteUpdateAsync(s => s.SetProperty(a => a.ClosedAt, 0L));
            await db.Escalations.Where(e => e.Id == awaiting[1]).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EscalationStatuses.Issued));
            await db.Escalations.Where(e => e.Id == awaiting[0]).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EscalationStatuses.Withdrawn));
            var report = await db.Timers.Where(t => t.Kind == nameof(StepKind.ReportMissed) && t.Status == TimerStatus.Fired).Select(t => t.Id).FirstAsync();
            await db.Timers.Where(t => t.Id == report).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Skipped));
            var moved = await db.Assignments.Where(a => db.Escalations.Any(e => e.AssignmentId == a.Id && e.Status == EscalationStatuses.Issued)
                    && db.Timers.Any(t => t.AssignmentId == a.Id && t.Kind == nameof(StepKind.ReportMissed) && t.Status != TimerStatus.Pending))
                .Select(a => new { a.Id, a.TaskId, a.UnitId }).FirstAsync();
            var other = await db.Units.Where(u => u.Id != moved.UnitId && !db.Assignments.Any(a => a.UnitId == u.Id && a.TaskId == moved.TaskId))
                .Select(u => u.Id).FirstAsync();
            await db.Assignments.Where(a => a.Id == moved.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UnitId, other));
        }
        await AssertTalliedAsync(engine, "after writes beside the application");
        await tallies.FoldAsync(engine.Today);
        await AssertTalliedAsync(engine, "after the last fold", changesLeft: 0);

        // A state's role as the database knew it changed (a definition changed): the next start counts everything again,
        // even a tally someone damaged.
        await using (var db = engine.Db())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE state_roles SET closed = NOT closed WHERE state = 'overdue'");
            await db.Database.ExecuteSqlRawAsync("UPDATE unit_tallies SET assignments = assignments + 7");
            await UnitTallies.PrepareAsync(db, engine.Runtime.Definitions, engine.Today, CancellationToken.None);
        }
        await AssertTalliedAsync(engine, "after the roles were written again", changesLeft: 0);

        // Two nodes starting at the same moment on a database whose roles are missing: both write them, one after the other.
        await using (var db = engine.Db())
            await db.Database.ExecuteSqlRawAsync("DELETE FROM state_roles");
        await using (var first = engine.Db())
        await using (var second = engine.Db())
            await Task.WhenAll(UnitTallies.PrepareAsync(first, engine.Runtime.Definitions, engine.Today, CancellationToken.None),
                UnitTallies.PrepareAsync(second, engine.Runtime.Definitions, engine.Today, CancellationToken.None));
        await AssertTalliedAsync(engine, "after two nodes started at once", changesLeft: 0);
    }

    /// <summary>The kept tallies equal a recount, unfiltered and under each plan-and-area filter; returns the unfiltered ones.</summary>
    private static async Task<IReadOnlyList<UnitTally>> AssertTalliedAsync(EngineHarness engine, string when, int? changesLeft = null, DateOnly? today = null)
    {
        var board = engine.Services.GetRequiredService<FilteredBoardQueries>();
        var day = today ?? engine.Today;
        IReadOnlyList<UnitTally> whole = [];
        foreach (var scope in new BoardScope[] { new(), new(Area: BoardScope.AreaRegions), new(Area: BoardScope.AreaProvince), new(PlanYear: 2024), new(PlanYear: 2023) })
        {
            var kept = Lines(await board.UnitTalliesAsync(scope, day));
            var counted = Lines(await board.CountUnitTalliesAsync(scope, day));
            Assert.True(kept.SequenceEqual(counted),
                $"{when}, {scope}: kept tallies differ from a recount:\n  kept    {string.Join("; ", kept.Except(counted))}\n  counted {string.Join("; ", counted.Except(kept))}");
            if (scope == new BoardScope()) whole = await board.UnitTalliesAsync(scope, day);
        }
        Assert.True(whole.Count > 20, $"{when}: only {whole.Count} units tallied");
        if (changesLeft is { } left)
        {
            await using var db = engine.Db();
            Assert.Equal(left, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM unit_tally_changes").SingleAsync());
        }
        return whole;
    }

    private static List<string> Lines(IEnumerable<UnitTally> tallies) => tallies
        .Select(t => $"{t.UnitId} {t.Unit} {t.Kind} {t.Assignments}/{t.Closed}/{t.Overdue}/{t.Due}/{t.ClosedOnTime} reports {t.ReportsDue}/{t.ReportsMissed} " +
                     string.Join(",", t.IssuedByStep.Where(s => s.Value != 0).OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")))
        .Order(StringComparer.Ordinal).ToList();
}
