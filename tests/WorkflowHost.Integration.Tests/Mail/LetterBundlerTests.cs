using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>The morning's 函告 to units other than the office (whose are folded into the digest, not lettered).</summary>
    private static async Task<List<OutboxRow>> LettersToUnitsAsync(WorkflowDbContext db)
    {
        var offices = await db.Units.Where(u => u.Kind == "office").Select(u => (long?)u.Id).ToListAsync();
        return await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId != null && !offices.Contains(o.UnitId)).ToListAsync();
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
            var candidates = await LettersToUnitsAsync(db);
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
    public async Task A_unit_whose_letter_fails_is_set_aside_alone_and_the_units_gathered_with_it_go_out_numbered_without_a_gap()
    {
        // Units' letters are gathered many to a transaction: one that throws (its task row points at a task that is gone)
        // must not take the others with it, nor leave a hole in the register's numbers.
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 1, 10));
        long damagedUnit;
        List<long> damagedRows;
        await using (var db = engine.Db())
        {
            var rows = await LettersToUnitsAsync(db);
            Assert.True(rows.Select(r => r.UnitId).Distinct().Count() >= 3, "the morning needs several units' letters");
            var victim = rows.First();
            damagedUnit = victim.UnitId!.Value;
            damagedRows = rows.Where(r => r.UnitId == damagedUnit).Select(r => r.Id).ToList();
            await db.Database.ExecuteSqlAsync($"PRAGMA foreign_keys = OFF; UPDATE assignments SET task_id = 987654321 WHERE id = {victim.AssignmentId}");
        }

        var letters = await engine.BundleLettersAsync();

        var after = await TaskLettersAsync(engine);
        Assert.All(after.Where(r => damagedRows.Contains(r.Id)), r =>
        {
            Assert.Equal(OutboxStatus.Pending, r.Status);
            Assert.Equal(1, r.Attempts);
            Assert.NotNull(r.NextAttemptAt);
            Assert.Contains("belongs to no task", r.LastError);
        });
        Assert.All(after.Where(r => !damagedRows.Contains(r.Id)), r => Assert.Contains(r.Status, new[] { OutboxStatus.Bundled, OutboxStatus.Digested }));
        await using (var db = engine.Db())
        {
            var sent = await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId == null).Select(o => o.UnitId).ToListAsync();
            Assert.Equal(letters, sent.Count);
            Assert.True(letters >= 2);
            Assert.DoesNotContain(damagedUnit, sent.Cast<long>());
            // The office's series of the morning: 1, 2, … with no number lost to the rolled-back attempt.
            var seqs = await db.Documents.Where(d => d.Kind == "letter").GroupBy(d => d.Issuer).Select(g => new { Count = g.Count(), Max = g.Max(d => d.Seq) }).ToListAsync();
            Assert.All(seqs, s => Assert.Equal(s.Count, s.Max));
        }
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

    [Fact]
    public async Task A_countys_late_shares_of_several_tasks_from_its_city_are_one_letter_from_the_city()
    {
        // Found by the benchmark's mail morning: letters were grouped by each task's parent share, so a 县区 late on
        // several tasks 兰州市 had handed down got one 督办函 per task from 兰州市 the same day.
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 1, 10));
        long county;
        List<int> tasks;
        await using (var db = engine.Db())
        {
            county = await db.Units.Where(u => u.Name == "城关区").Select(u => u.Id).SingleAsync();
            // Two of 兰州市's tasks due the same day, months ahead.
            tasks = (await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id join u in db.Units on a.UnitId equals u.Id
                            where u.Name == "兰州市" && a.DueDate != null && a.State == "in-progress" select new { t.No, a.DueDate }).ToListAsync())
                .Where(a => a.DueDate > new DateOnly(2024, 5, 1)).GroupBy(a => a.DueDate).First(g => g.Count() >= 2).Take(2).Select(a => a.No).ToList();
        }
        var handed = new List<long>();
        foreach (var task in tasks)
        {
            var city = await engine.AssignmentAsync(task, "兰州市");
            var result = await engine.Mediator.Send(new WorkflowHost.Infrastructure.Workflows.Commands.HandDown(city.Id, city.Clerk, [county], null, 5, null));
            Assert.True(result.Succeeded, result.Refusal);
            handed.Add(result.Created.Single());
        }
        var due = (await engine.ReloadAsync(handed[0])).DueDate!.Value;
        await engine.AdvanceToAsync(EngineHarness.China(due.Year, due.Month, due.Day, 10).AddDays(10));
        await engine.BundleLettersAsync();

        await using (var db = engine.Db())
        {
            var documents = await db.Escalations.Where(e => handed.Contains(e.AssignmentId) && e.Step == "letter").Select(e => e.DocumentId).ToListAsync();
            Assert.Equal(2, documents.Count);
            Assert.Single(documents.Distinct());
            Assert.NotNull(documents[0]);
            Assert.Single(await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId == null && o.UnitId == county).ToListAsync());
            var number = await db.Documents.Where(d => d.Id == documents[0]).Select(d => d.Number).SingleAsync();
            Assert.StartsWith("兰州市督函", number);
        }
    }

    [Fact]
    public async Task A_window_of_task_rows_never_splits_a_units_letter()
    {
        // Found by the benchmark's mail morning: the bundler read its 20,000 task rows a run in the order they were
        // raised, so on a national morning each window held one row per unit and a county got ~20 letters that day.
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 1, 10));
        var bundler = ActivatorUtilities.CreateInstance<LetterBundler>(engine.Services);
        bundler.RowsPerRun = 3;
        int several;
        await using (var db = engine.Db())
            several = (await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId != null).Select(o => o.UnitId).ToListAsync()).GroupBy(u => u).Count(g => g.Count() >= 2);
        Assert.True(several >= 2, "the morning needs units with several 函告");

        // A run that reads only the office's rows issues no letter (they are folded into the digest): run until no
        // task row waits.
        var runs = 0;
        for (; runs < 500 && (await TaskLettersAsync(engine)).Any(r => r.Status == OutboxStatus.Pending); runs++)
            await bundler.BundleAsync(engine.Clock.GetUtcNow(), default);

        Assert.True(runs > 1, "the small window must take several runs");
        var rows = await TaskLettersAsync(engine);
        Assert.All(rows, r => Assert.Contains(r.Status, new[] { OutboxStatus.Bundled, OutboxStatus.Digested }));
        await using (var db = engine.Db())
        {
            var letters = await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId == null).Select(o => o.UnitId).ToListAsync();
            Assert.Equal(letters.Count, letters.Distinct().Count());
        }
    }

    [Fact]
    public async Task A_letter_whose_facts_cannot_be_read_fails_alone_and_the_other_letters_of_its_batch_go_out()
    {
        // The dispatcher reads a batch's letters together; one damaged row among them (a due date that is no date) makes
        // that read throw. Each letter then reads its own: only the damaged one fails, and is retried.
        await using var sink = await SmtpSink.StartAsync(_temp.File("received"));
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), EngineHarness.Smtp(sink.Port));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 1, 10));
        var letters = await engine.BundleLettersAsync();
        Assert.True(letters >= 3, "the morning needs several letters");
        long damaged;
        await using (var db = engine.Db())
        {
            var letter = await db.Outbox.Where(o => o.Kind == "letter" && o.AssignmentId == null).OrderBy(o => o.Id).FirstAsync();
            damaged = letter.Id;
            using var payload = System.Text.Json.JsonDocument.Parse(letter.Payload!);
            var document = payload.RootElement.GetProperty("document").GetInt64();
            var assignment = await db.Escalations.Where(e => e.DocumentId == document).Select(e => e.AssignmentId).FirstAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE assignments SET due_date = 'not a date' WHERE id = {assignment}");
        }

        var outcome = await engine.Dispatcher.RunAsync();

        Assert.Equal(1, outcome.Retrying);
        Assert.Equal(0, outcome.Failed);
        await using (var db = engine.Db())
        {
            var rows = await db.Outbox.AsNoTracking().Where(o => o.Kind == "letter" && o.AssignmentId == null).ToListAsync();
            var bad = rows.Single(r => r.Id == damaged);
            Assert.Equal(OutboxStatus.Pending, bad.Status);
            Assert.Equal(1, bad.Attempts);
            Assert.NotNull(bad.LastError);
            Assert.All(rows.Where(r => r.Id != damaged), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        }
        Assert.True(outcome.Sent >= letters - 1);
        Assert.Equal(outcome.Sent, sink.Files().Count);
    }
}
