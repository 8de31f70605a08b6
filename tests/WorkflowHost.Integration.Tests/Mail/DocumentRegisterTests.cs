using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>
/// 发文登记 (issue 14 part 3): every issued document takes the next number of its series — kind, year, issuing office —
/// once; a draft takes none. Nobody acts on the 2024 plan until 20 March, so task 1's 督办函 went out on 1 March and its
/// 通报 wait for the working group's approval.
/// </summary>
public sealed class DocumentRegisterTests : IAsyncLifetime
{
    private const string Office = "甘肃省安全生产委员会办公室";
    private readonly TempFolder _temp = new();
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 3, 20, 10));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _temp.Dispose();
    }

    private static string TextOf(GeneratedDocument document) => DocxText.Of(document.Content);

    private async Task<List<long>> EscalationsAsync(string step, string status)
    {
        await using var db = _engine.Db();
        return await db.Escalations.Where(e => e.Step == step && e.Status == status).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private async Task<List<DocumentRow>> SeriesAsync(string kind)
    {
        await using var db = _engine.Db();
        return await db.Documents.AsNoTracking().Where(d => d.Kind == kind).OrderBy(d => d.Seq).ToListAsync();
    }

    [Fact]
    public async Task Each_units_督办函_of_a_day_takes_the_next_number_once()
    {
        var letters = await EscalationsAsync("letter", EscalationStatuses.Issued);
        Assert.True(letters.Count > 10, $"only {letters.Count} letters by 20 March");
        // Reading a 函告 before its unit's letter is gathered numbers nothing.
        await _engine.Documents.EscalationFactsAsync(letters[0]);
        Assert.Empty(await SeriesAsync("letter"));

        await _engine.BundleLettersAsync();
        await _engine.BundleLettersAsync(); // a second run (another node, a retry) takes no new number

        var series = await SeriesAsync("letter");
        Assert.Equal(Enumerable.Range(1, series.Count), series.Select(d => d.Seq));
        Assert.All(series, d => Assert.Equal((2024, Office, $"甘安委办督函〔2024〕{d.Seq}号"), (d.Year, d.Issuer, d.Number)));
        Assert.All(series, d => Assert.Matches(@"^关于督促办理第\d+(、\d+)*项重点工作任务的函$", d.Title));
        Assert.All(series, d => Assert.Null(d.ApprovedBy));
        await using var db = _engine.Db();
        var raised = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join u in db.Units on a.UnitId equals u.Id
            where e.Step == "letter" && e.Status == EscalationStatuses.Issued
            select new { e.DocumentId, a.UnitId, u.Kind, e.RaisedAt }).ToListAsync();
        // Every 函告 is in exactly one letter — all of a unit's of one day in the same one — except the office's own.
        Assert.All(raised, e => Assert.Equal(e.Kind == "office", e.DocumentId is null));
        var letterOf = raised.Where(e => e.DocumentId is not null)
            .GroupBy(e => (e.UnitId, Day: DateTimeOffset.FromUnixTimeMilliseconds(e.RaisedAt).ToOffset(TimeSpan.FromHours(8)).Date)).ToList();
        Assert.All(letterOf, g => Assert.Single(g.Select(e => e.DocumentId).Distinct()));
        Assert.Equal(letterOf.Count, series.Count);
        Assert.True(series.Count < raised.Count, $"{series.Count} letters for {raised.Count} 函告: none gathered");
        // A 函告's document is its unit's letter, printing the register's number.
        var gathered = await db.Escalations.Where(e => e.Step == "letter" && e.DocumentId != null).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var number = (await _engine.Documents.EscalationFactsAsync(gathered))!.Number!;
        Assert.Contains(number, series.Select(d => d.Number));
        Assert.Contains(number, TextOf((await _engine.Documents.EscalationAsync(gathered))!));
    }

    [Fact]
    public async Task A_通报_is_numbered_when_approved_in_its_own_series_and_a_draft_has_no_number()
    {
        var drafts = await EscalationsAsync("circular", EscalationStatuses.AwaitingApproval);
        Assert.True(drafts.Count >= 2, $"only {drafts.Count} circulars await approval on 20 March");
        var draft = TextOf((await _engine.Documents.EscalationAsync(drafts[0]))!);
        Assert.Contains("送审稿", draft);
        Assert.DoesNotContain("〔2024〕", draft);
        Assert.Empty(await SeriesAsync("circular"));

        // One escalation of each of two proposals (two tasks): approving one approves its proposal whole.
        List<long> chosen;
        await using (var lookup = _engine.Db())
            chosen = (await lookup.Escalations.Where(e => drafts.Contains(e.Id)).Select(e => new { e.Id, e.ProposalId }).ToListAsync())
                .GroupBy(e => e.ProposalId).Take(2).Select(g => g.Min(e => e.Id)).ToList();
        Assert.Equal(2, chosen.Count);
        var mediator = _engine.Services.GetRequiredService<IMediator>();
        foreach (var id in chosen)
            Assert.True((await mediator.Send(new ApproveEscalation(id, new Actor("zhuanban", ActorRole.WorkingGroup)))).Succeeded);
        // Approving twice is refused and takes no number.
        Assert.False((await mediator.Send(new ApproveEscalation(chosen[0], new Actor("zhuanban", ActorRole.WorkingGroup)))).Succeeded);

        var series = await SeriesAsync("circular");
        Assert.Equal(["甘安委办通报〔2024〕1号", "甘安委办通报〔2024〕2号"], series.Select(d => d.Number));
        Assert.All(series, d => Assert.Equal("zhuanban", d.ApprovedBy));
        Assert.All(series, d => Assert.StartsWith("省安委会各成员单位", d.Recipients));
        Assert.Contains("甘安委办通报〔2024〕1号", TextOf((await _engine.Documents.EscalationAsync(chosen[0]))!));
        // The letters' series is apart: none of them has been read yet, so none is numbered.
        Assert.Empty(await SeriesAsync("letter"));
        await using var db = _engine.Db();
        // Every unit of the two proposals carries its proposal's document; nothing else does.
        var inProposals = await db.Escalations.Where(e => chosen.Contains(e.Id)).Select(e => e.ProposalId).ToListAsync();
        Assert.Equal(await db.Escalations.CountAsync(e => inProposals.Contains(e.ProposalId)), await db.Escalations.CountAsync(e => e.DocumentId != null));
        Assert.Equal(0, await db.Escalations.CountAsync(e => e.DocumentId != null && e.Status != EscalationStatuses.Issued));
    }

    [Fact]
    public async Task The_简报_are_numbered_from_第1期_in_the_order_they_go_out()
    {
        // A month's briefing is assembled on the 10th of the next (BriefingDay).
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 5, 13, 10));
        await using (var db = _engine.Db())
            Assert.Equal(["2024-02", "2024-03", "2024-04"], await db.Briefings.OrderBy(b => b.Month).Select(b => b.Month).ToListAsync());
        // A draft has no number; issuing numbers them in the order they are issued, once.
        Assert.Contains("送审稿", TextOf((await _engine.Documents.BriefingAsync("2024-02"))!));
        Assert.Empty(await SeriesAsync("briefing"));
        foreach (var (month, issue) in new[] { ("2024-02", "2024年第1期"), ("2024-03", "2024年第2期"), ("2024-04", "2024年第3期"), ("2024-02", "2024年第1期") })
        {
            Assert.Equal(issue, await _engine.Documents.IssueBriefingAsync(month));
            Assert.Contains(issue, TextOf((await _engine.Documents.BriefingAsync(month))!));
        }
        Assert.Equal([1, 2, 3], (await SeriesAsync("briefing")).Select(d => d.Seq));
    }
}
