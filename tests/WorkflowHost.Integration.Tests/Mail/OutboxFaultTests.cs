using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>
/// Delivery is at-least-once and loses nothing: a server that is down holds rows back until it returns; a killed
/// dispatcher repeats at most the messages in flight, one per connection; a refused recipient is dead-lettered with the
/// server's reason and can be put back in line.
/// </summary>
public sealed class OutboxFaultTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Morning = EngineHarness.China(2024, 3, 8, 10);

    private static async Task<List<OutboxRowView>> ImmediateRowsAsync(EngineHarness engine)
    {
        await using var db = engine.Db();
        // A task's 函告 is not mailed itself: it is gathered into its unit's letter of the day (bundled).
        return await OutboxDispatcher.Mailed(db.Outbox)
            .Select(o => new OutboxRowView(o.Id, o.Key, o.Kind, o.Status, o.Attempts, o.LastError, o.NextAttemptAt)).ToListAsync();
    }

    private sealed record OutboxRowView(long Id, string Key, string Kind, string Status, int Attempts, string? LastError, long? NextAttemptAt);

    [Fact]
    public async Task Server_down_then_up_every_row_is_delivered_once_it_returns()
    {
        var port = SmtpSink.FreePort();
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), EngineHarness.Smtp(port));
        await engine.AdvanceToAsync(Morning);
        await engine.Digests.RunAsync();

        var down = await engine.Dispatcher.RunAsync();
        Assert.Equal(0, down.Sent);
        Assert.True(down.Retrying > 0);
        var waiting = await ImmediateRowsAsync(engine);
        Assert.All(waiting, r =>
        {
            Assert.Equal(OutboxStatus.Pending, r.Status);
            Assert.Equal(1, r.Attempts);
            Assert.Contains($"127.0.0.1:{port}", r.LastError);
            Assert.Equal(Morning.AddMinutes(1).ToUnixTimeMilliseconds(), r.NextAttemptAt);
        });

        await using var sink = await SmtpSink.StartAsync(_temp.File("received"), port);
        // The backoff is honoured: the server is back, but the rows wait for their time.
        Assert.Equal(0, (await engine.Dispatcher.RunAsync()).Sent);
        Assert.Empty(sink.Files());

        engine.Clock.MoveTo(Morning.AddMinutes(1));
        var up = await engine.Dispatcher.RunAsync();
        Assert.Equal(waiting.Count, up.Sent);
        var messages = sink.Messages();
        Assert.Equal(waiting.Count, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await ImmediateRowsAsync(engine), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task A_refused_recipient_is_dead_lettered_with_the_servers_reason_and_can_be_retried()
    {
        await using var sink = await SmtpSink.StartAsync(_temp.File("received"), refuse: "anweiban@");
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), EngineHarness.Smtp(sink.Port));
        await engine.AdvanceToAsync(Morning);
        await engine.Digests.RunAsync();
        var outcome = await engine.Dispatcher.RunAsync();

        var rows = await ImmediateRowsAsync(engine);
        await using (var db = engine.Db())
        {
            var office = await db.Units.SingleAsync(u => u.Email == "anweiban@gansu.example");
            var toOffice = await db.Outbox.Where(o => o.UnitId == office.Id && o.Status != OutboxStatus.Digested).Select(o => o.Id).ToListAsync();
            Assert.NotEmpty(toOffice);
            var failed = rows.Where(r => r.Status == OutboxStatus.Failed).ToList();
            Assert.Equal(toOffice.Order(), failed.Select(r => r.Id).Order());
            Assert.Equal(failed.Count, outcome.Failed);
            Assert.All(failed, r =>
            {
                Assert.Equal(1, r.Attempts); // a refusal is final: no retries
                Assert.Contains("550", r.LastError);
                Assert.Contains("User unknown", r.LastError);
                Assert.Contains("anweiban@gansu.example", r.LastError);
            });
        }
        Assert.Equal(rows.Count - outcome.Failed, sink.Files().Count);
        Assert.Equal(rows.Count - outcome.Failed, outcome.Sent);

        // The working group's digest the next working day counts the dead letters.
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 11, 10));
        await engine.Digests.RunAsync();
        await engine.Dispatcher.RunAsync();
        var daily = Assert.Single(sink.Messages(), m => m.Subject!.StartsWith("【专班日报】2024年3月11日", StringComparison.Ordinal));
        Assert.Contains($"{outcome.Failed}封邮件多次投递失败", daily.TextBody);

        // The CLI shows them with the reason, and puts one back in line.
        var dead = rows.First(r => r.Status == OutboxStatus.Failed);
        var listing = await ProductProcess.RunAsync(_temp.File("data"), "outbox", "--status", "failed");
        Assert.True(listing.ExitCode == 0, listing.Stderr);
        Assert.Contains("550", listing.Stdout);
        Assert.Contains(dead.Id.ToString(), listing.Stdout);
        var retry = await ProductProcess.RunAsync(_temp.File("data"), "outbox", "retry", dead.Id.ToString());
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Equal(OutboxStatus.Pending, (await ImmediateRowsAsync(engine)).Single(r => r.Id == dead.Id).Status);
        var again = await ProductProcess.RunAsync(_temp.File("data"), "outbox", "retry", dead.Id.ToString());
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("only failed rows are retried", again.Stderr);
    }

    [Fact]
    public async Task A_dispatcher_killed_mid_batch_loses_nothing_and_repeats_at_most_the_message_in_flight()
    {
        var data = _temp.File("data");
        int rowCount;
        await using (var engine = await EngineHarness.StartWithMailAsync(data))
        {
            await engine.AdvanceToAsync(Morning);
            await engine.Digests.RunAsync();
            await engine.SaveClockAsync();
            await engine.BundleLettersAsync();
            rowCount = (await ImmediateRowsAsync(engine)).Count;
        }
        Assert.True(rowCount > 20, $"the scenario needs a sizeable batch, has {rowCount}");

        // A slow server, so the kill lands while messages are in flight.
        var first = _temp.File("received-1");
        await using (var slow = await SmtpSink.StartAsync(first, delayMs: 100))
        {
            using var process = Process.Start(ProductProcess.StartInfo(data, ["outbox", "send"], Environment(slow.Port)))!;
            var waited = Stopwatch.StartNew();
            while (slow.Files().Count < 5 && !process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
            Assert.False(process.HasExited, $"the dispatcher finished before it could be killed: {await process.StandardError.ReadToEndAsync()}");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var second = _temp.File("received-2");
        await using (var fast = await SmtpSink.StartAsync(second))
        {
            var rest = await ProductProcess.RunAsync(data, Environment(fast.Port), "outbox", "send");
            Assert.True(rest.ExitCode == 0, rest.Stderr);
        }

        var received = Directory.GetFiles(first, "*.eml").Concat(Directory.GetFiles(second, "*.eml"))
            .Select(f => MimeKit.MimeMessage.Load(f).MessageId ?? "").ToList();
        var expected = new HashSet<string>();
        await using (var engine = await EngineHarness.StartWithMailAsync(data))
        {
            await using var db = engine.Db();
            var rows = await OutboxDispatcher.Mailed(db.Outbox).ToListAsync();
            Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
            expected.UnionWith(rows.Select(r => MessageComposer.MessageIdOf(r, "gansu.example")));
        }
        Assert.Equal(expected, received.ToHashSet());
        Assert.InRange(received.Count - expected.Count, 0, new SmtpOptions().Connections);
    }

    private static Dictionary<string, string> Environment(int port) => new()
    {
        ["WorkflowHost__Mail__Smtp__Host"] = "127.0.0.1",
        ["WorkflowHost__Mail__Smtp__Port"] = port.ToString(),
        ["WorkflowHost__Mail__Smtp__Security"] = "None",
        ["WorkflowHost__Clock__Speed"] = "0",
        ["WorkflowHost__Clock__Start"] = EngineHarness.PlanIssued.ToString("O"),
    };
}
