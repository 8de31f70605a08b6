using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>
/// After a stop, the catch-up raises many letters at once; the dispatcher hands the mail server at most
/// <c>WorkflowHost:Mail:MaxPerRun</c> of them per run, oldest first, so they leave at a steady rate instead of as a
/// flood, and every one of them still goes out exactly once.
/// </summary>
public sealed class MailRateTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_catch_up_of_letters_leaves_at_most_MaxPerRun_per_run_oldest_first_each_once()
    {
        await using var sink = await SmtpSink.StartAsync(_temp.File("received"));
        var settings = EngineHarness.Smtp(sink.Port);
        settings["WorkflowHost:Mail:MaxPerRun"] = "25";
        settings["WorkflowHost:Mail:BatchSize"] = "10"; // the limit falls inside a batch, not on its edge
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"), settings);
        // Jumping from the plan's issue to after the 函告 of 03-18 raises every due letter in one catch-up.
        engine.Clock.MoveTo(EngineHarness.China(2024, 3, 18, 9, 1));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 18, 9, 1));
        // Each unit's 函告 of a day are gathered into one letter first (every run does it; here once, to count them).
        await engine.BundleLettersAsync();
        var due = await PendingIdsAsync(engine);
        Assert.True(due.Count > 30, $"only {due.Count} messages due: the scenario lost its catch-up");

        var runs = new List<OutboxDispatcher.Outcome>();
        while (runs.Count <= due.Count)
        {
            var pendingBefore = await PendingIdsAsync(engine);
            var run = await engine.Dispatcher.RunAsync();
            runs.Add(run);
            var sentNow = pendingBefore.Except(await PendingIdsAsync(engine)).ToList();
            Assert.Equal(run.Sent, sentNow.Count);
            // Oldest first: what this run sent are the oldest rows that were waiting.
            Assert.Equal(pendingBefore.Order().Take(run.Sent), sentNow.Order());
            if (!run.LimitReached) break;
        }

        Assert.All(runs, r => Assert.True(r.Sent <= 25, $"a run sent {r.Sent}"));
        Assert.All(runs.SkipLast(1), r => Assert.Equal(25, r.Sent));
        Assert.Equal(due.Count, runs.Sum(r => r.Sent));
        Assert.Empty(await PendingIdsAsync(engine));
        var messages = sink.Messages();
        Assert.Equal(due.Count, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_negative_limit_is_refused_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHarness.StartWithMailAsync(_temp.File("data"),
            new Dictionary<string, string?> { ["WorkflowHost:Mail:MaxPerRun"] = "-1" }));
        Assert.Contains("WorkflowHost:Mail:MaxPerRun must be 0 (no limit) or more (is -1)", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    public async Task A_number_of_connections_outside_1_to_16_is_refused_at_start_naming_the_setting(string connections)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHarness.StartWithMailAsync(_temp.File("data"),
            new Dictionary<string, string?> { ["WorkflowHost:Mail:Smtp:Connections"] = connections }));
        Assert.Contains($"WorkflowHost:Mail:Smtp:Connections must be 1–16 (is {connections})", error.Message);
    }

    private static async Task<List<long>> PendingIdsAsync(EngineHarness engine)
    {
        await using var db = engine.Db();
        return await OutboxDispatcher.Mailed(db.Outbox).Where(o => o.Status == OutboxStatus.Pending)
            .Select(o => o.Id).ToListAsync();
    }
}
