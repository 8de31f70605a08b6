using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>
/// One 督办函 per unit per day (issue 14 part 2), gathered from the 函告 the engine raised on 1 March 2024 for the
/// tasks due 29 February: a damaged task row is set aside alone, a storm still firing is not split, and the office
/// the working group sits in is written to only when configured.
/// </summary>
public sealed class LetterBundlerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<List<OutboxRow>> TaskLettersAsync(EngineHarness engine)
    {
        await using var db = engine.Db();
        return await db.Outbox.AsNoTracking().Where(o => o.Kind == "letter" && o.AssignmentId != null).OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task A_damaged_task_row_is_set_aside_alone_and_the_rest_of_its_units_letter_goes_out()
    {
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 1, 10));
        long damaged, unit;
        await using (var db = engine.Db())
        {
            // A unit with at least two 函告 that morning; one of its rows no longer matches any escalation.
            var offices = await db.Units.Where(u => u.Kind == "office").Select(u => (long?)u.Id).ToListAsync();
            var candidates = await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId != null && !offices.Contains(o.UnitId)).ToListAsync();
            var row = candidates.GroupBy(o => o.UnitId).Where(g => g.Count() >= 2).Select(g => g.OrderBy(o => o.Id).First()).First();
            (damaged, unit) = (row.Id, row.UnitId!.Value);
            await db.Database.ExecuteSqlAsync($"UPDATE outbox SET escalation_id = 987654321 WHERE id = {damaged}");
        }

        var letters = await engine.BundleLettersAsync();

        var rows = await TaskLettersAsync(engine);
        var bad = rows.Single(r => r.Id == damaged);
        Assert.Equal(OutboxStatus.Failed, bad.Status);
        Assert.Contains("no issued letter", bad.LastError);
        Assert.All(rows.Where(r => r.Id != damaged), r => Assert.Contains(r.Status, new[] { OutboxStatus.Bundled, OutboxStatus.Digested }));
        await using (var db = engine.Db())
        {
            var sent = await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId == null).ToListAsync();
            Assert.Equal(letters, sent.Count);
            Assert.Single(sent, o => o.UnitId == unit);
        }
        Assert.Equal(0, (await engine.Dispatcher.RunAsync()).Failed);
    }

    [Fact]
    public async Task Letters_wait_while_the_engine_still_has_timers_due_by_their_instant()
    {
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 1, 10));
        var instant = (await TaskLettersAsync(engine)).Max(r => r.CreatedAt);
        long straggler;
        await using (var db = engine.Db())
        {
            // A timer of the same instant not fired yet, as in the middle of a storm.
            var timer = new TimerRow { Name = "straggler", Kind = "Reminder", Chain = TimerChain.Deadline, DueAt = instant, Status = TimerStatus.Pending };
            db.Timers.Add(timer);
            await db.SaveChangesAsync();
            straggler = timer.Id;
        }

        Assert.Equal(0, await engine.BundleLettersAsync());
        Assert.All(await TaskLettersAsync(engine), r => Assert.Equal(OutboxStatus.Pending, r.Status));

        await using (var db = engine.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE timers SET status = {TimerStatus.Fired} WHERE id = {straggler}");
        Assert.True(await engine.BundleLettersAsync() > 0);
        Assert.DoesNotContain(await TaskLettersAsync(engine), r => r.Status == OutboxStatus.Pending);
    }

    [Fact]
    public async Task The_office_gets_its_own_letter_only_when_configured()
    {
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"),
            new Dictionary<string, string?> { ["WorkflowHost:Documents:LettersToOwnOffice"] = "true" });
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 1, 10));
        await engine.BundleLettersAsync();
        await using var db = engine.Db();
        var office = await db.Units.Where(u => u.Kind == "office").Select(u => u.Id).SingleAsync();
        Assert.Single(await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId == null && o.UnitId == office).ToListAsync());
        Assert.Equal(0, await db.Outbox.CountAsync(o => o.Kind == "letter" && o.Status == OutboxStatus.Digested));
    }
}
