using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Reliability;

/// <summary>
/// Rows damaged on purpose, directly in the database, the way a bug, a bad migration or a hand edit would: the timer
/// they break is set aside as an incident with its error and retried with backoff, every other timer fires exactly as
/// on an undamaged twin, the clock moves on, and after the repair one retry completes the step exactly once.
/// </summary>
public sealed class DamagedTimerRowTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public Task On_SQLite_a_damaged_report_stops_only_its_months_briefing() => DamagedReportAsync(null, null);

    [Fact]
    public async Task On_PostgreSQL_a_damaged_report_stops_only_its_months_briefing()
    {
        await using var damaged = await PostgresServer.CreateDatabaseAsync();
        await using var twin = await PostgresServer.CreateDatabaseAsync();
        await DamagedReportAsync(damaged.EngineSettings(), twin.EngineSettings());
    }

    [Fact]
    public Task On_SQLite_a_timer_with_an_unknown_step_or_a_missing_assignment_is_set_aside_alone() => DamagedTimersAsync(null, null);

    [Fact]
    public async Task On_PostgreSQL_a_timer_with_an_unknown_step_or_a_missing_assignment_is_set_aside_alone()
    {
        await using var damaged = await PostgresServer.CreateDatabaseAsync();
        await using var twin = await PostgresServer.CreateDatabaseAsync();
        await DamagedTimersAsync(damaged.EngineSettings(), twin.EngineSettings());
    }

    /// <summary>Issue 11, finding 1, as it was found: two reports whose figures add up past decimal's range (the API
    /// accepted them before figures had limits). March's briefing cannot be summed; everything after it still fires.</summary>
    [Fact]
    public async Task Figures_that_overflow_their_sum_stop_only_the_briefing()
    {
        await using var engine = await StartAsync(_temp.File("overflow"), China(2024, 3, 21, 10));
        await using (var db = engine.Db())
        {
            var ids = await db.Assignments.OrderBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync();
            foreach (var id in ids)
                db.Reports.Add(new ReportRow { AssignmentId = id, Period = "2024-03", Text = "x", Figures = "{\"MAX\": 79228162514264337593543950335}", SubmittedAt = 0, SubmittedBy = "yjt-clerk" });
            await db.SaveChangesAsync();
        }
        await engine.AdvanceToAsync(China(2024, 4, 30));

        var incident = Assert.Single(await engine.Services.GetRequiredService<IncidentAdministration>().ListAsync());
        Assert.Equal("briefing", incident.Step);
        await using (var db = engine.Db())
        {
            var after = China(2024, 4, 10, 12).ToUnixTimeMilliseconds();
            // April's report steps (04-22 reminders, 04-25 due, 04-26 missed) all fired after the failed briefing.
            Assert.True(await db.Journal.CountAsync(j => j.At > after && j.Event == "report-missed") > 100);
            Assert.Equal(0, await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending && t.DueAt <= China(2024, 4, 30).ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>The March report of task 37 made unreadable: March's briefing (due 04-10) cannot be assembled.</summary>
    private async Task DamagedReportAsync(IDictionary<string, string?>? damagedSettings, IDictionary<string, string?>? twinSettings)
    {
        await using var engine = await StartAsync(_temp.File("damaged"), China(2024, 2, 25, 9), settings: damagedSettings);
        await using var twin = await StartAsync(_temp.File("twin"), China(2024, 2, 25, 9), settings: twinSettings);
        foreach (var e in new[] { engine, twin })
        {
            await e.AdvanceToAsync(China(2024, 3, 21, 10));
            var task37 = await e.AssignmentAsync(37, "省安委会办公室");
            Assert.True((await e.Mediator.Send(new SubmitReport(task37.Id, task37.Clerk, "3月开展专项检查12次", new Dictionary<string, decimal> { ["检查次数"] = 12 }))).Succeeded);
        }
        await using (var db = engine.Db())
        {
            var broken = "{\"检查次数\": 1"; // cut short, as by a failed write
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE reports SET figures = {broken}"));
        }

        // Both move well past the briefing; the damaged engine does not throw and its clock arrives.
        await engine.AdvanceToAsync(China(2024, 4, 30));
        await twin.AdvanceToAsync(China(2024, 4, 30));
        Assert.Equal(China(2024, 4, 30), engine.Clock.GetUtcNow());

        var incident = Assert.Single(await engine.Services.GetRequiredService<IncidentAdministration>().ListAsync());
        Assert.Null(incident.AssignmentId);
        Assert.Equal("briefing", incident.Step);
        Assert.Contains("JsonException", incident.Error);
        // Retried with backoff on the engine's clock until the attempts ran out; then it waits for an operator.
        Assert.Equal(5, incident.Attempts);
        Assert.Null(incident.NextRetryAt);
        Assert.True(incident.LastFailedAt - incident.FirstFailedAt >= TimeSpan.FromMinutes(1 + 2 + 4 + 8));

        // Everything else happened exactly as on the undamaged twin: every assignment's journal, mail and escalation.
        Assert.Equal(await EverythingButBriefingsAsync(twin), await EverythingButBriefingsAsync(engine));
        await using (var db = engine.Db())
            Assert.False(await db.Briefings.AnyAsync(b => b.Month == "2024-03"));

        // Repaired and retried: the briefing is assembled once, and the incident resolved by the engine.
        await using (var db = engine.Db())
        {
            var repaired = "{\"检查次数\": 12}";
            await db.Database.ExecuteSqlAsync($"UPDATE reports SET figures = {repaired}");
        }
        Assert.Null(await engine.Services.GetRequiredService<IncidentAdministration>().RetryAsync(incident.Id, Audit("incident-retry")));
        await engine.Processor.RunDueAsync();
        await engine.Processor.RunDueAsync();
        await using (var db = engine.Db())
        {
            var briefing = await db.Briefings.SingleAsync(b => b.Month == "2024-03");
            Assert.Contains("\"检查次数\":12", System.Text.RegularExpressions.Regex.Unescape(briefing.Content));
            Assert.Equal(1, await db.Journal.CountAsync(j => j.TimerId == incident.TimerId));
            // Assembled once, as a draft for the working group (no mail until it is issued).
            Assert.Equal(1, await db.Briefings.CountAsync(b => b.Month == "2024-03"));
            Assert.Equal(0, await db.Outbox.CountAsync(o => o.Key == "briefing:2024-03"));
            var resolved = await db.Incidents.SingleAsync();
            Assert.Equal((IncidentStatus.Resolved, "engine"), (resolved.Status, resolved.ResolvedBy));
            Assert.Equal(TimerStatus.Fired, (await db.Timers.SingleAsync(t => t.Id == incident.TimerId)).Status);
            Assert.Single(await db.Audit.Where(a => a.Action == "incident-retry" && a.Target == $"incident:{incident.Id}").ToListAsync());
        }
    }

    /// <summary>Two timers due on 03-01 damaged in two ways: an overdue step made a step no definition has, and a
    /// timer made to name an assignment that does not exist. The batch that holds them (with hundreds of good timers) fires everything but those two.</summary>
    private async Task DamagedTimersAsync(IDictionary<string, string?>? damagedSettings, IDictionary<string, string?>? twinSettings)
    {
        await using var engine = await StartAsync(_temp.File("damaged"), China(2024, 2, 25, 9), settings: damagedSettings);
        await using var twin = await StartAsync(_temp.File("twin"), China(2024, 2, 25, 9), settings: twinSettings);
        // Overdue steps are planned when the reminders before them fire.
        await engine.AdvanceToAsync(China(2024, 2, 29, 12));
        await twin.AdvanceToAsync(China(2024, 2, 29, 12));
        long unknownStep, missingAssignment, victimOfUnknownStep;
        await using (var db = engine.Db())
        {
            var due = await db.Timers.Where(t => t.Status == TimerStatus.Pending && t.Kind == "Overdue" && t.DueAt <= China(2024, 3, 5).ToUnixTimeMilliseconds())
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(2).ToListAsync();
            Assert.Equal(2, due.Count);
            (unknownStep, missingAssignment, victimOfUnknownStep) = (due[0].Id, due[1].Id, due[0].AssignmentId!.Value);
            await db.Database.ExecuteSqlAsync($"UPDATE timers SET kind = 'NoSuchStep' WHERE id = {unknownStep}");
            await db.Database.ExecuteSqlAsync($"UPDATE timers SET assignment_id = 99999999 WHERE id = {missingAssignment}");
        }
        await engine.AdvanceToAsync(China(2024, 3, 20));
        await twin.AdvanceToAsync(China(2024, 3, 20));

        var incidents = await engine.Services.GetRequiredService<IncidentAdministration>().ListAsync();
        Assert.Equal(new[] { missingAssignment, unknownStep }.Order(), incidents.Select(i => i.TimerId).Order());
        Assert.Contains("NoSuchStep", incidents.Single(i => i.TimerId == unknownStep).Error);
        Assert.Contains("99999999", incidents.Single(i => i.TimerId == missingAssignment).Error);

        // Every other assignment's history is the twin's. (The two damaged timers' assignments differ only by what those
        // timers, and the chains they would have continued, did.)
        var damagedAssignments = new HashSet<long> { victimOfUnknownStep };
        await using (var db = twin.Db())
            damagedAssignments.Add(await db.Timers.Where(t => t.Id == missingAssignment).Select(t => t.AssignmentId!.Value).SingleAsync());
        var expected = (await EverythingButBriefingsAsync(twin)).Where(line => !damagedAssignments.Contains(line.AssignmentId ?? 0)).ToList();
        var actual = (await EverythingButBriefingsAsync(engine)).Where(line => !damagedAssignments.Contains(line.AssignmentId ?? 0)).ToList();
        Assert.True(expected.SequenceEqual(actual), $"only in the twin: {string.Join("; ", expected.Except(actual).Take(5))}; only in the damaged: {string.Join("; ", actual.Except(expected).Take(5))}");

        // Repaired (the step's real kind back) and retried by an operator: it fires once, late, and its chain goes on.
        string realKind;
        await using (var db = twin.Db())
            realKind = await db.Timers.Where(t => t.Id == unknownStep).Select(t => t.Kind).SingleAsync();
        await using (var db = engine.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE timers SET kind = {realKind} WHERE id = {unknownStep}");
        var administration = engine.Services.GetRequiredService<IncidentAdministration>();
        Assert.Null(await administration.RetryAsync(incidents.Single(i => i.TimerId == unknownStep).Id, Audit("incident-retry")));
        // The other is given up: it never fires.
        Assert.Null(await administration.ResolveAsync(incidents.Single(i => i.TimerId == missingAssignment).Id, Audit("incident-resolve")));
        Assert.NotNull(await administration.ResolveAsync(incidents.Single(i => i.TimerId == missingAssignment).Id, Audit("incident-resolve")));
        await engine.Processor.RunDueAsync();
        await engine.Processor.RunDueAsync();
        await using (var db = engine.Db())
        {
            Assert.Equal(["overdue"], await db.Journal.Where(j => j.TimerId == unknownStep).Select(j => j.Event).ToListAsync());
            Assert.True((await engine.ReloadAsync(victimOfUnknownStep)).PastDue);
            Assert.Equal(TimerStatus.Fired, (await db.Timers.SingleAsync(t => t.Id == unknownStep)).Status);
            Assert.Equal(TimerStatus.Skipped, (await db.Timers.SingleAsync(t => t.Id == missingAssignment)).Status);
            Assert.Empty(await db.Journal.Where(j => j.TimerId == missingAssignment).ToListAsync());
            Assert.Equal(0, await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open));
            Assert.Equal(2, await db.Audit.CountAsync(a => a.Action.StartsWith("incident-")));
        }
    }

    private static AuditRow Audit(string action) => new() { User = "test-operator", Action = action, Outcome = "done", At = 0 };

    private sealed record Line(long? AssignmentId, string What, long At);

    /// <summary>Every journal entry, escalation and outbox row, except the monthly briefings' (engine-wide).</summary>
    private static async Task<List<Line>> EverythingButBriefingsAsync(EngineHarness engine)
    {
        await using var db = engine.Db();
        var journal = await db.Journal.Where(j => j.Event != "briefing").Select(j => new Line(j.AssignmentId, "journal:" + j.Event + ":" + j.FromState + ":" + j.ToState, j.At)).ToListAsync();
        var escalations = await db.Escalations.Select(e => new Line(e.AssignmentId, "escalation:" + e.Step + ":" + e.Status, e.RaisedAt)).ToListAsync();
        var outbox = await db.Outbox.Where(o => o.Kind != "briefing").Select(o => new Line(o.AssignmentId, "outbox:" + o.Kind + ":" + o.Status + ":" + o.UnitId, o.CreatedAt)).ToListAsync();
        return journal.Concat(escalations).Concat(outbox).OrderBy(l => l.AssignmentId).ThenBy(l => l.At).ThenBy(l => l.What, StringComparer.Ordinal).ToList();
    }
}
