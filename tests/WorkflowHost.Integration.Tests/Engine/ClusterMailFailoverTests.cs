using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// The mail jobs run once per cluster on Quartz's clustered scheduler. Two host processes on one PostgreSQL database;
/// the node that is sending the outbox (found in Quartz's own <c>qrtz_fired_triggers</c>) is killed mid-run: Quartz's
/// cluster recovery hands the job to the survivor, which sends the rest. No message is lost; at most the one in flight
/// at the kill (one per SMTP connection; one here) arrives twice (same Message-ID), as delivery is at-least-once.
/// </summary>
public sealed class ClusterMailFailoverTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The rows mailed on their own (OutboxKinds.Immediate); the rest go into digests, and a task's 函告 into its
    /// unit's letter of the day (bundled, or digested for the office's own unit).</summary>
    private const string Immediate = "kind in ('digest', 'briefing', 'letter', 'circular', 'summons', 'exposure') and not (kind = 'letter' and assignment_id is not null)";

    [Fact]
    public async Task Killing_the_node_that_sends_the_mail_hands_the_rest_to_the_survivor()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        // A slow mail server (250 ms per message): the run of letters lasts long enough to be caught in the middle.
        await using var sink = await SmtpSink.StartAsync(_temp.File("received"), delayMs: 250);
        var node = new Dictionary<string, string>
        {
            ["WorkflowHost__Database__Provider"] = "PostgreSql",
            ["WorkflowHost__Database__ConnectionString"] = database.ConnectionString,
            // Imported at 03-18 09:01: every letter of the 02-29 and 03-15 deadlines is raised at once.
            ["WorkflowHost__Clock__Start"] = "2024-03-18T09:01:00+08:00",
            ["WorkflowHost__Clock__Speed"] = "0",
            ["WorkflowHost__Mail__Smtp__Host"] = "127.0.0.1",
            ["WorkflowHost__Mail__Smtp__Port"] = sink.Port.ToString(),
            ["WorkflowHost__Mail__Smtp__Security"] = "None",
            ["WorkflowHost__Mail__PollSeconds"] = "1",
            // One connection keeps the run slow enough to be caught in the middle (several would empty the outbox in
            // seconds); OutboxFaultTests kills a dispatcher sending on the default number.
            ["WorkflowHost__Mail__Smtp__Connections"] = "1",
        };
        await using var first = await RunningHost.StartAsync(_temp.File("node-1"), node);
        await using var second = await RunningHost.StartAsync(_temp.File("node-2"), node);
        var hosts = new[] { first, second };

        var sender = await WaitForAsync(async () =>
        {
            var instance = await database.TextAsync("select instance_name from qrtz_fired_triggers where trigger_name = 'mail-dispatch-poll' and state = 'EXECUTING'");
            var sent = await database.CountAsync($"select count(*) from outbox where status = 'sent' and {Immediate}");
            return sent >= 5 ? hosts.FirstOrDefault(h => instance?.EndsWith($"-{h.ProcessId}") == true) : null;
        }, "no node was seen sending the outbox");
        var survivor = hosts.Single(h => h != sender);
        sender.Kill();
        Assert.True(await database.CountAsync($"select count(*) from outbox where status <> 'sent' and {Immediate}") > 0,
            "the killed node had already sent everything");

        // Quartz notices the dead node after its check-in interval (7.5 s) and releases its trigger to the survivor.
        try
        {
            await WaitForAsync(async () => await database.CountAsync($"select count(*) from outbox where status <> 'sent' and {Immediate}") == 0 ? "" : null,
                "the survivor did not send the rest within three minutes", TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\noutbox: {await database.TextAsync($"select string_agg(kind || ' ' || status || ' ' || coalesce(next_attempt_at::text, '-') || ' ' || coalesce(last_error, ''), '; ') from outbox where status <> 'sent' and {Immediate}")}" +
                $"\nnodes: {await database.TextAsync("select string_agg(instance_name || ' ' || last_checkin_time, '; ') from qrtz_scheduler_state")}" +
                $"\nfired: {await database.TextAsync("select string_agg(instance_name || ' ' || trigger_name || ' ' || state, '; ') from qrtz_fired_triggers")}" +
                $"\ntriggers: {await database.TextAsync("select string_agg(trigger_name || ' ' || trigger_state, '; ') from qrtz_triggers")}\n{survivor.Output}");
        }

        var total = await database.CountAsync($"select count(*) from outbox where {Immediate}");
        var messages = sink.Messages();
        var byId = messages.GroupBy(m => m.MessageId).ToList();
        Assert.Equal(total, byId.Count);                       // every row arrived
        Assert.True(messages.Count - byId.Count <= 1, $"{messages.Count - byId.Count} messages arrived twice");
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string failure, TimeSpan? limit = null) where T : class
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException(failure);
    }
}
