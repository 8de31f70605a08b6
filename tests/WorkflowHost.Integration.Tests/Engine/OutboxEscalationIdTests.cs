using Microsoft.EntityFrameworkCore;
using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Issue 12 part 5: the timer batch's bulk insert gives each escalation its id before the outbox rows go in, so every
/// row announcing an escalation (a 函告 to its unit, a 通报 awaiting the working group) names exactly the escalation
/// raised with it — on both databases, whose stores share the hot path's SQL and differ only in how they write it.
/// </summary>
public sealed class OutboxEscalationIdTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public Task On_SQLite_each_outbox_row_names_the_escalation_raised_with_it() => EachRowNamesItsEscalationAsync(null);

    [Fact]
    public async Task On_PostgreSQL_each_outbox_row_names_the_escalation_raised_with_it()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await EachRowNamesItsEscalationAsync(database.EngineSettings());
    }

    private async Task EachRowNamesItsEscalationAsync(IDictionary<string, string?>? settings)
    {
        // By 20 March: 函告 for the tasks due at the end of February and mid-March, and 通报 awaiting approval.
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 25, 9), settings: settings);
        await engine.AdvanceToAsync(China(2024, 3, 20, 10));
        await using var db = engine.Db();
        var rows = await (
            from o in db.Outbox
            where o.Kind == "letter" || o.Kind == "escalation-awaiting-approval"
            join e in db.Escalations on o.EscalationId equals e.Id into named
            from e in named.DefaultIfEmpty()
            select new { o.Id, o.Kind, o.AssignmentId, o.CreatedAt, Escalation = e }).ToListAsync();
        Assert.Contains(rows, r => r.Kind == "letter");
        Assert.Contains(rows, r => r.Kind == "escalation-awaiting-approval");
        Assert.All(rows, r =>
        {
            Assert.NotNull(r.Escalation);
            Assert.Equal((r.AssignmentId, r.CreatedAt), (r.Escalation!.AssignmentId, r.Escalation.RaisedAt));
            Assert.Equal(r.Kind == "letter" ? "letter" : "circular", r.Escalation.Step);
        });
        // One row per escalation, none shared.
        Assert.Equal(rows.Count, rows.Select(r => r.Escalation!.Id).Distinct().Count());
        Assert.Equal(await db.Escalations.CountAsync(), rows.Count);
    }
}
