using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Reliability;

/// <summary>
/// Outbox rows damaged on purpose in the database: a digest whose payload is cut short, and a briefing whose figures
/// carry a control character that no .docx can hold (as rows written before the input rules would). Each is retried
/// with backoff and then dead-lettered with its error; every other message goes out in the same runs; repaired and
/// put back in line, it is sent exactly once.
/// </summary>
public sealed class DamagedOutboxRowTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Morning = EngineHarness.China(2024, 3, 8, 10);

    [Fact]
    public Task On_SQLite_a_damaged_digest_is_dead_lettered_alone_and_sent_once_after_repair() => DamagedDigestAsync(null);

    [Fact]
    public async Task On_PostgreSQL_a_damaged_digest_is_dead_lettered_alone_and_sent_once_after_repair()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await DamagedDigestAsync(database.EngineSettings());
    }

    [Fact]
    public Task On_SQLite_a_briefing_that_cannot_become_a_document_does_not_hold_back_other_mail() => UnprintableBriefingAsync(null);

    [Fact]
    public async Task On_PostgreSQL_a_briefing_that_cannot_become_a_document_does_not_hold_back_other_mail()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await UnprintableBriefingAsync(database.EngineSettings());
    }

    private async Task DamagedDigestAsync(IDictionary<string, string?>? database)
    {
        await using var sink = await SmtpSink.StartAsync(_temp.File("received"));
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), Settings(sink.Port, database));
        await engine.AdvanceToAsync(Morning);
        await engine.Digests.RunAsync();
        long damagedId;
        string original;
        await using (var db = engine.Db())
        {
            // Every notice folded names the digest it went into (the key is written by the database, one statement per
            // 500 notices): a unit's notices its unit's digest, the working group's the working group's.
            var folded = await db.Outbox.Where(o => o.Status == OutboxStatus.Digested && o.Kind != "letter").Select(o => new { o.UnitId, o.DigestKey }).ToListAsync();
            var digests = await db.Outbox.Where(o => o.Kind == OutboxKinds.Digest).Select(o => new { o.UnitId, o.Key }).ToListAsync();
            Assert.NotEmpty(folded);
            Assert.All(folded, f => Assert.Equal(f.UnitId is { } unit ? $"digest:unit:{unit}:2024-03-08" : "digest:wg:2024-03-08", f.DigestKey));
            Assert.Contains(digests, d => folded.Any(f => f.DigestKey == d.Key && f.UnitId == d.UnitId));
        }
        await using (var db = engine.Db())
        {
            // The oldest pending row: first in line, so before this change it failed every run ahead of all the others.
            var row = await db.Outbox.Where(o => o.Status == OutboxStatus.Pending && o.Kind == OutboxKinds.Digest && o.UnitId != null).OrderBy(o => o.Id).FirstAsync();
            (damagedId, original) = (row.Id, row.Payload!);
            var broken = original[..(original.Length / 2)];
            await db.Database.ExecuteSqlAsync($"UPDATE outbox SET payload = {broken} WHERE id = {damagedId}");
        }
        var pending = await PendingAsync(engine);

        var first = await engine.Dispatcher.RunAsync();
        Assert.Equal((pending - 1, 1, 0), (first.Sent, first.Retrying, first.Failed));
        Assert.Equal(pending - 1, sink.Files().Count);

        var dead = await RetryUntilDeadAsync(engine, damagedId);
        Assert.Equal(8, dead.Attempts);
        Assert.Contains("JsonException", dead.LastError);
        Assert.Equal(pending - 1, sink.Files().Count);

        await using (var db = engine.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE outbox SET payload = {original} WHERE id = {damagedId}");
        Assert.Null(await engine.Outbox.RetryAsync(damagedId));
        Assert.Equal(1, (await engine.Dispatcher.RunAsync()).Sent);
        Assert.Equal(0, (await engine.Dispatcher.RunAsync()).Sent);
        var messages = sink.Messages();
        Assert.Equal(pending, messages.Count);
        Assert.Equal(pending, messages.Select(m => m.MessageId).Distinct().Count());
    }

    private async Task UnprintableBriefingAsync(IDictionary<string, string?>? database)
    {
        await using var sink = await SmtpSink.StartAsync(_temp.File("received"));
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), Settings(sink.Port, database));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 21, 10));
        await using (var db = engine.Db())
        {
            var assignment = await db.Assignments.OrderBy(a => a.Id).FirstAsync();
            // Written as the API accepted it before figure names had the free-text rule.
            db.Reports.Add(new ReportRow { AssignmentId = assignment.Id, Period = "2024-03", Text = "检查", Figures = "{\"a\\u0001b\": 1}", SubmittedAt = Morning.ToUnixTimeMilliseconds(), SubmittedBy = "yjt-clerk" });
            await db.SaveChangesAsync();
        }
        // March's briefing is assembled on 04-10 and goes out with that day's letters and digests.
        await engine.AdvanceToAsync(EngineHarness.China(2024, 4, 10, 9, 30));
        await engine.Digests.RunAsync();
        var pending = await PendingAsync(engine);
        var run = await engine.Dispatcher.RunAsync();

        Assert.Equal((pending - 1, 1), (run.Sent, run.Retrying));
        await using (var db = engine.Db())
        {
            var briefing = await db.Outbox.SingleAsync(o => o.Key == "briefing:2024-03");
            Assert.Equal(OutboxStatus.Pending, briefing.Status);
            Assert.Contains("0x01", briefing.LastError!, StringComparison.OrdinalIgnoreCase);
            var dead = await RetryUntilDeadAsync(engine, briefing.Id);
            Assert.Equal(OutboxStatus.Failed, dead.Status);
        }
        Assert.Equal(pending - 1, sink.Files().Count);
    }

    private static Dictionary<string, string?> Settings(int port, IDictionary<string, string?>? database)
    {
        var settings = EngineHarness.Smtp(port);
        foreach (var (key, value) in database ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>The messages the next run will send: each unit's 函告 of a day gathered into its letter first.</summary>
    private static async Task<int> PendingAsync(EngineHarness engine)
    {
        await engine.BundleLettersAsync();
        await using var db = engine.Db();
        return await OutboxDispatcher.Mailed(db.Outbox).CountAsync(o => o.Status == OutboxStatus.Pending);
    }

    /// <summary>Moves the clock to each retry of the row and dispatches, until the row is dead-lettered.</summary>
    private static async Task<OutboxRow> RetryUntilDeadAsync(EngineHarness engine, long id)
    {
        for (var run = 0; run < 20; run++)
        {
            await using var db = engine.Db();
            var row = await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id);
            if (row.Status == OutboxStatus.Failed) return row;
            engine.Clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(row.NextAttemptAt!.Value));
            await engine.Dispatcher.RunAsync();
        }
        throw new InvalidOperationException($"outbox row {id} was never dead-lettered");
    }
}
