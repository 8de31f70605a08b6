using System.Runtime.CompilerServices;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>
/// The engine's mail against a real SMTP server on loopback: two weeks after the 2024 plan was issued, tasks 1, 2 and
/// 4 (due 2024-02-29) are overdue and their letters have gone out, and tasks 3 and 5 (due 2024-03-15) are a week
/// from their deadline. What arrives is checked: recipients, subjects, Chinese bodies, attachments, one digest per
/// unit per day.
/// </summary>
/// <summary>One mail day, set up once: the engine at 2024-03-08 10:00 with that morning's digests written and
/// everything due sent to the SMTP sink.</summary>
public sealed class MailDayFixture : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    public SmtpSink Sink { get; private set; } = null!;
    public EngineHarness Engine { get; private set; } = null!;
    public IReadOnlyList<MimeMessage> Messages { get; private set; } = [];
    public int DigestsWritten { get; private set; }

    public async Task InitializeAsync()
    {
        Sink = await SmtpSink.StartAsync(_temp.File("received"));
        Engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), EngineHarness.Smtp(Sink.Port));
        await Engine.AdvanceToAsync(EngineHarness.China(2024, 3, 8, 10));
        DigestsWritten = await Engine.Digests.RunAsync();
        var outcome = await Engine.Dispatcher.RunAsync();
        Assert.Equal(0, outcome.Failed + outcome.Retrying);
        Messages = Sink.Messages();
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Sink.DisposeAsync();
        _temp.Dispose();
    }
}

public sealed class MailDeliveryTests(MailDayFixture day) : IClassFixture<MailDayFixture>
{
    private static bool IsDigest(MimeMessage m) => (m.Subject ?? "").StartsWith("【每日督办提醒】", StringComparison.Ordinal);

    [Fact]
    public async Task A_digests_payload_keeps_each_tasks_words_as_its_line_shows_them_in_plain_chinese()
    {
        // A national morning wrote ~140 MB of digests when each line kept its task's whole text, every character
        // escaped as \uXXXX; the line shows at most 60 characters.
        await using var db = day.Engine.Db();
        var payloads = await db.Outbox.Where(o => o.Kind == OutboxKinds.Digest).Select(o => o.Payload!).ToListAsync();
        var longest = await db.PlanTasks.MaxAsync(t => t.Content.Length);
        Assert.True(longest > 60, "the plan needs a task longer than a line");
        var items = payloads.SelectMany(p => System.Text.Json.JsonSerializer.Deserialize<DigestPayload>(p, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Items).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.InRange(i.Content.Length, 1, 61));
        Assert.Contains(items, i => i.Content.EndsWith('…'));
        Assert.All(payloads, p => Assert.DoesNotContain("\\u", p));
        Assert.All(payloads, p => Assert.Contains(p, c => c is >= '\u4e00' and <= '\u9fff'));
    }

    private async Task<(string Name, string FullName, string Email)> UnitOverdueOnTaskAsync(int taskNo, bool exceptOffice = false)
    {
        await using var db = day.Engine.Db();
        var unit = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where t.No == taskNo && a.PastDue && (!exceptOffice || u.Kind != "office")
            orderby u.Id
            select new { u.Name, u.FullName, u.Email }).FirstAsync();
        return (unit.Name, unit.FullName ?? unit.Name, unit.Email);
    }

    [Fact]
    public async Task Each_unit_gets_exactly_one_digest_for_the_day_and_the_working_group_its_own()
    {
        var digests = day.Messages.Where(IsDigest).ToList();
        Assert.NotEmpty(digests);
        var recipients = digests.Select(SmtpSink.EnvelopeTo).ToList();
        Assert.Equal(recipients.Count, recipients.Distinct().Count());

        await using var db = day.Engine.Db();
        var unitsWithNews = await db.Outbox.Where(o => o.Status == OutboxStatus.Digested && o.UnitId != null).Select(o => o.UnitId).Distinct().CountAsync();
        Assert.Equal(unitsWithNews, digests.Count);
        Assert.Equal(unitsWithNews + 1, day.DigestsWritten);

        var workingGroup = Assert.Single(day.Messages, m => SmtpSink.EnvelopeTo(m) == "zhuanban@gansu.example");
        Assert.StartsWith("【专班日报】2024年3月8日", workingGroup.Subject);
        Assert.Contains("【逾期未办结】", workingGroup.TextBody);
        Assert.Contains("第1项(完成时限2024年2月29日,已逾期 8 天)", Ascii(workingGroup.TextBody!));
    }

    [Fact]
    public async Task A_unit_digest_names_the_tasks_and_their_deadlines_in_words()
    {
        var overdue = await UnitOverdueOnTaskAsync(1);
        var digest = Assert.Single(day.Messages, m => SmtpSink.EnvelopeTo(m) == overdue.Email && IsDigest(m));
        Assert.Matches(@"第(\d+、)*1(、\d+)*项已逾期", digest.Subject);
        Assert.Contains(overdue.FullName, digest.TextBody);
        Assert.Contains("印发《甘肃省安全生产治本攻坚三年行动实施方案(2024-2026年)》和31个子方案", digest.TextBody);
        Assert.Contains("已逾期 8 天", digest.TextBody);
        Assert.Contains("http://localhost:5080/assignments/", digest.TextBody);

        // Task 3 (成立工作专班, due 2024-03-15) is the office's alone: its 7-day reminder fired this morning.
        var office = Assert.Single(day.Messages, m => SmtpSink.EnvelopeTo(m) == "anweiban@gansu.example" && IsDigest(m));
        Assert.Matches(@"第(\d+、)*3(、\d+)*项即将到期", office.Subject);
        Assert.Contains("成立工作专班", office.TextBody);
        Assert.Contains("7 天后到期", office.TextBody);
        // Its reminders for tasks 1 and 2 came before their deadline passed; now they are overdue, not "due soon".
        Assert.DoesNotMatch(@"第(\d+、)*1(、\d+)*项即将到期", office.Subject);
    }

    [Fact]
    public async Task Each_unit_gets_one_督办函_a_day_with_every_late_task_and_the_office_none()
    {
        var unit = await UnitOverdueOnTaskAsync(1, exceptOffice: true);
        List<int> tasks;
        await using (var db = day.Engine.Db())
        {
            var march1 = EngineHarness.China(2024, 3, 1, 0).ToUnixTimeMilliseconds();
            tasks = await (
                from e in db.Escalations
                join a in db.Assignments on e.AssignmentId equals a.Id
                join t in db.PlanTasks on a.TaskId equals t.Id
                join u in db.Units on a.UnitId equals u.Id
                where u.Email == unit.Email && e.Step == "letter" && e.RaisedAt >= march1 && e.RaisedAt < march1 + 86_400_000
                orderby t.No
                select t.No).ToListAsync();
        }
        Assert.Contains(1, tasks);
        var letter = Assert.Single(day.Messages, m => SmtpSink.EnvelopeTo(m) == unit.Email && (m.Subject ?? "").StartsWith("【督办函】", StringComparison.Ordinal));
        Assert.StartsWith($"【督办函】第{string.Join("、", tasks)}项任务", letter.Subject);
        Assert.Contains(tasks.Count == 1 ? "已逾期1天" : "逾期未办结", letter.Subject); // issued 2024-03-01, one working day after the deadline
        Assert.Contains("请于2024年3月8日前报送办理情况", letter.Subject);
        Assert.Contains(unit.FullName, letter.TextBody);
        Assert.All(tasks, no => Assert.Contains($"第{no}项“", letter.TextBody));
        Assert.Matches(@"督办函（甘安委办督函〔2024〕\d+号）", letter.TextBody);

        var attachment = Assert.IsType<MimePart>(Assert.Single(letter.Attachments));
        Assert.EndsWith(".docx", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        content.Position = 0;
        using var document = WordprocessingDocument.Open(content, false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains($"关于督促办理第{string.Join("、", tasks)}项重点工作任务的函", text);
        Assert.Contains(unit.FullName, text);
        Assert.Contains("2024年2月29日", text);
        Assert.Contains("2024年3月1日", text);
        Assert.All(tasks, no => Assert.Contains($"第{no}项“", text));

        // One letter per unit per day, however many of its tasks reached 函告; the office the working group sits in
        // is not written to by itself.
        var letters = day.Messages.Where(m => (m.Subject ?? "").StartsWith("【督办函】", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(letters);
        Assert.All(letters.GroupBy(m => (SmtpSink.EnvelopeTo(m), m.Date.Date)), g => Assert.Single(g));
        Assert.DoesNotContain(letters, m => SmtpSink.EnvelopeTo(m) == "anweiban@gansu.example");
    }

    [Fact]
    public async Task Every_message_has_the_stable_Message_ID_of_its_outbox_row()
    {
        await using var db = day.Engine.Db();
        var sent = await db.Outbox.Where(o => o.Status == OutboxStatus.Sent).ToListAsync();
        Assert.Equal(sent.Count, day.Messages.Count);
        Assert.Equal(
            sent.Select(r => MessageComposer.MessageIdOf(r, "gansu.example")).Order(),
            day.Messages.Select(m => m.MessageId).Order());
    }

    /// <summary>The composer lives as long as the host and composes a whole morning: a message it made must be free once
    /// its sender drops it (a sender address shared by every message once kept them all, through its change event).</summary>
    [Fact]
    public async Task A_composed_message_is_not_kept_by_the_composer()
    {
        await using var db = day.Engine.Db();
        var sent = await db.Outbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Sent).OrderBy(o => o.Id).FirstAsync();
        var composer = day.Engine.Services.GetRequiredService<MessageComposer>();

        var message = await ComposedAndDroppedAsync(composer, sent);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(message.IsAlive, "the composer still holds a message it composed");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> ComposedAndDroppedAsync(MessageComposer composer, OutboxRow row) =>
        new(await composer.ComposeAsync(row));

    /// <summary>Full-width punctuation as ASCII, so assertions read plainly.</summary>
    private static string Ascii(string text) =>
        text.Replace('\uff08', '(').Replace('\uff09', ')').Replace('\uff0c', ',').Replace('\uff1a', ':').Replace('\uff1b', ';');
}

/// <summary>Digests are keyed per recipient per working day: running again adds nothing; weekends add nothing; the
/// next working day brings the next digests.</summary>
public sealed class DigestScheduleTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private SmtpSink _sink = null!;
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSink.StartAsync(_temp.File("received"));
        _engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), EngineHarness.Smtp(_sink.Port));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sink.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Running_again_the_same_day_sends_nothing_more_and_the_next_working_day_brings_new_digests()
    {
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 3, 8, 8, 59));
        // Before 09:00 the day's digest is not due; yesterday's (7 March) is.
        await _engine.Digests.RunAsync();
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 3, 8, 10));
        Assert.True(await _engine.Digests.RunAsync() > 0);
        var first = (await _engine.Dispatcher.RunAsync()).Sent;
        Assert.True(first > 0);
        Assert.Equal(0, await _engine.Digests.RunAsync());
        Assert.Equal(0, (await _engine.Dispatcher.RunAsync()).Sent);
        Assert.Equal(first, _sink.Files().Count);

        // Saturday 9 March is no working day: no digest. Monday 11 March is.
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 3, 9, 10));
        Assert.Equal(0, await _engine.Digests.RunAsync());
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 3, 11, 10));
        Assert.True(await _engine.Digests.RunAsync() > 0);

        await using var db = _engine.Db();
        var keys = await db.Outbox.Where(o => o.Kind == OutboxKinds.Digest).Select(o => o.Key).ToListAsync();
        Assert.Contains("digest:wg:2024-03-07", keys);
        Assert.Contains("digest:wg:2024-03-08", keys);
        Assert.Contains("digest:wg:2024-03-11", keys);
        Assert.DoesNotContain(keys, k => k.EndsWith("2024-03-09", StringComparison.Ordinal) || k.EndsWith("2024-03-10", StringComparison.Ordinal));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        // Nothing queued before a digest's time is left behind.
        Assert.Equal(0, await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending && o.Kind != OutboxKinds.Digest
            && !OutboxKinds.Immediate.Contains(o.Kind) && o.CreatedAt <= EngineHarness.China(2024, 3, 11, 9).ToUnixTimeMilliseconds()));
    }
}
