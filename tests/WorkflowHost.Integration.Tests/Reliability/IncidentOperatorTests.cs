using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Reliability;

/// <summary>
/// What the people around an incident see and do: the working group's morning digest names it, the operator finds it
/// with the CLI (the whole error on <c>show</c>), repairs the cause and retries it, and the step then happens once;
/// retrying and giving up are audited, and neither applies to a resolved incident.
/// </summary>
public sealed class IncidentOperatorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_incident_is_in_the_digest_and_the_CLI_and_a_retry_after_repair_completes_it_once()
    {
        var data = _temp.File("data");
        await using var sink = await SmtpSink.StartAsync(_temp.File("received"));
        await using var engine = await EngineHarness.StartWithMailAsync(data, EngineHarness.Smtp(sink.Port));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 21, 10));
        await using (var db = engine.Db())
        {
            var assignment = await db.Assignments.OrderBy(a => a.Id).FirstAsync();
            db.Reports.Add(new ReportRow { AssignmentId = assignment.Id, Period = "2024-03", Text = "检查", Figures = "{\"检查次数\": 1", SubmittedAt = 0, SubmittedBy = "yjt-clerk" });
            await db.SaveChangesAsync();
        }
        // March's briefing fails on 04-10 and on each retry; the next morning's digest tells the working group.
        await engine.AdvanceToAsync(EngineHarness.China(2024, 4, 11, 9, 0));
        await engine.Digests.RunAsync();
        await engine.Dispatcher.RunAsync();
        var daily = Assert.Single(sink.Messages(), m => m.Subject!.StartsWith("【专班日报】2024年4月11日", StringComparison.Ordinal));
        Assert.Contains("【系统异常】1个定时督办环节处理出错", daily.TextBody);
        await engine.SaveClockAsync();

        var listing = await ProductProcess.RunAsync(data, "incidents");
        Assert.True(listing.ExitCode == 0, listing.Stderr);
        Assert.Contains("1 incident(s)", listing.Stdout);
        Assert.Contains("briefing: 5 attempt(s)", listing.Stdout);
        Assert.Contains("attempts exhausted", listing.Stdout);
        long incidentId;
        await using (var db = engine.Db())
            incidentId = (await db.Incidents.SingleAsync()).Id;
        var shown = await ProductProcess.RunAsync(data, "incidents", "show", incidentId.ToString());
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        Assert.Contains("JsonException", shown.Stdout);
        Assert.Contains("BriefingAssembler", shown.Stdout); // the stack: where to look

        await using (var db = engine.Db())
        {
            var repaired = "{\"检查次数\": 1}";
            await db.Database.ExecuteSqlAsync($"UPDATE reports SET figures = {repaired}");
        }
        var retry = await ProductProcess.RunAsync(data, "incidents", "retry", incidentId.ToString());
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        await engine.AdvanceToAsync(EngineHarness.China(2024, 4, 11, 9, 5));

        await using (var db = engine.Db())
        {
            Assert.True(await db.Briefings.AnyAsync(b => b.Month == "2024-03"));
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.Key == "briefing:2024-03"));
            Assert.Equal(IncidentStatus.Resolved, (await db.Incidents.SingleAsync()).Status);
            var audit = await db.Audit.SingleAsync(a => a.Action == "incident-retry");
            Assert.Equal(($"incident:{incidentId}", "console"), (audit.Target, audit.RemoteAddress));
        }
        var again = await ProductProcess.RunAsync(data, "incidents", "resolve", incidentId.ToString());
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("only open incidents", again.Stderr);
        var empty = await ProductProcess.RunAsync(data, "incidents");
        Assert.Contains("0 incident(s)", empty.Stdout);
    }
}
