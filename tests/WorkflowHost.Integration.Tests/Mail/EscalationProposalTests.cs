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
/// Issue 14 part 1: a 通报 (or 约谈) is proposed once per task, step, issuer and day, naming every unit concerned; the
/// working group strikes units from it, approves it whole — one document, one number, a mail to each unit still in it —
/// or refuses it with a reason. Nobody acts on the 2024 plan until 20 March, so the first 通报 await approval.
/// </summary>
public sealed class EscalationProposalTests : IAsyncLifetime
{
    private static readonly Actor WorkingGroup = new("zhuanban", ActorRole.WorkingGroup);
    private readonly TempFolder _temp = new();
    private EngineHarness _engine = null!;
    private IMediator Mediator => _engine.Services.GetRequiredService<IMediator>();

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

    [Fact]
    public async Task Every_通报_awaiting_approval_stands_in_one_proposal_per_task_step_issuer_and_day()
    {
        await using var db = _engine.Db();
        var awaiting = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            where e.Status == EscalationStatuses.AwaitingApproval
            select new { e.Id, e.ProposalId, a.TaskId, a.UnitId, e.Step, e.RaisedAt }).ToListAsync();
        Assert.True(awaiting.Count > 20, $"only {awaiting.Count} escalations await approval on 20 March");
        Assert.All(awaiting, e => Assert.NotNull(e.ProposalId));

        var proposals = await db.EscalationProposals.ToListAsync();
        // One proposal per task, step, issuer and day; each holds only its own task's and step's units, each unit once.
        Assert.Equal(proposals.Count, proposals.Select(p => (p.TaskId, p.Step, p.IssuingParentId, p.Day)).Distinct().Count());
        foreach (var members in awaiting.GroupBy(e => e.ProposalId))
        {
            var proposal = proposals.Single(p => p.Id == members.Key);
            Assert.All(members, m => Assert.Equal((proposal.TaskId, proposal.Step), (m.TaskId, m.Step)));
            Assert.Equal(members.Count(), members.Select(m => m.UnitId).Distinct().Count());
        }
        // Task 1's 通报 names the many units late on it in one proposal, not one proposal each.
        Assert.Contains(awaiting.GroupBy(e => e.ProposalId), g => g.Count() > 10);
        Assert.True(proposals.Count < awaiting.Count / 3, $"{proposals.Count} proposals for {awaiting.Count} escalations");
    }

    [Fact]
    public async Task Approving_a_proposal_issues_one_document_with_one_number_naming_every_unit_still_in_it()
    {
        var (proposalId, members) = await LargestProposalAsync();
        var struck = members[^1];
        Assert.True((await Mediator.Send(new StrikeFromProposal(proposalId, [struck.Id], WorkingGroup))).Succeeded);

        var approved = await Mediator.Send(new DecideProposals([proposalId], Approve: true, Reason: null, WorkingGroup));
        Assert.True(approved.Succeeded, approved.Refusal);
        // Approving again is refused and takes no number.
        var twice = await Mediator.Send(new DecideProposals([proposalId], Approve: true, Reason: null, WorkingGroup));
        Assert.Equal(RefusalKind.Conflict, twice.Kind);
        Assert.Contains("已印发", twice.Refusal);

        await using var db = _engine.Db();
        var document = await db.Documents.SingleAsync(d => d.Kind == "circular");
        Assert.Equal("甘安委办通报〔2024〕1号", document.Number);
        var after = await db.Escalations.Where(e => e.ProposalId == proposalId).ToDictionaryAsync(e => e.Id);
        Assert.Equal(EscalationStatuses.Struck, after[struck.Id].Status);
        Assert.Null(after[struck.Id].DocumentId);
        var issued = after.Values.Where(e => e.Id != struck.Id).ToList();
        Assert.All(issued, e => Assert.Equal((EscalationStatuses.Issued, (long?)document.Id, "zhuanban"), (e.Status, e.DocumentId, e.DecidedBy)));
        var proposal = await db.EscalationProposals.SingleAsync(p => p.Id == proposalId);
        Assert.Equal(("issued", (long?)document.Id), (proposal.Status, proposal.DocumentId));

        // The document names exactly the units still in it; the register lists their shares.
        var text = TextOf((await _engine.Documents.EscalationAsync(issued[0].Id))!);
        Assert.Contains("甘安委办通报〔2024〕1号", text);
        Assert.Contains($"以下{issued.Count}个单位仍未办结", text);
        Assert.DoesNotContain(struck.Unit, text);
        Assert.All(members.Where(m => m.Id != struck.Id), m => Assert.Contains(m.Unit, text));
        Assert.Equal(issued.Select(e => e.AssignmentId).Order(), System.Text.Json.JsonSerializer.Deserialize<long[]>(document.AssignmentIds)!.Order());
        // Each unit still in it gets the 通报 by mail and sees it on its timeline; the struck one neither.
        var mailed = await db.Outbox.Where(o => o.Kind == "circular").Select(o => o.AssignmentId).ToListAsync();
        Assert.Equal(issued.Select(e => (long?)e.AssignmentId).Order(), mailed.Order());
        Assert.Equal(issued.Count, await db.Journal.CountAsync(j => j.Event == EngineEvents.EscalationApproved));
        Assert.Equal(1, await db.Journal.CountAsync(j => j.Event == EngineEvents.EscalationStruck && j.AssignmentId == struck.AssignmentId));
    }

    [Fact]
    public async Task A_refusal_needs_its_reason_and_issues_nothing()
    {
        var (proposalId, members) = await LargestProposalAsync();
        var blank = await Mediator.Send(new DecideProposals([proposalId], Approve: false, Reason: "  ", WorkingGroup));
        Assert.Equal(RefusalKind.Invalid, blank.Kind);
        Assert.Contains("理由", blank.Refusal);
        await using (var db = _engine.Db())
            Assert.Equal("awaiting", await db.EscalationProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync());

        Assert.True((await Mediator.Send(new DecideProposals([proposalId], Approve: false, Reason: "已约谈分管负责同志,暂缓通报", WorkingGroup))).Succeeded);
        await using (var db = _engine.Db())
        {
            var proposal = await db.EscalationProposals.SingleAsync(p => p.Id == proposalId);
            Assert.Equal(("refused", "已约谈分管负责同志,暂缓通报", (long?)null), (proposal.Status, proposal.Reason, proposal.DocumentId));
            Assert.All(await db.Escalations.Where(e => e.ProposalId == proposalId).ToListAsync(), e => Assert.Equal(EscalationStatuses.Refused, e.Status));
            Assert.Empty(await db.Documents.ToListAsync());
            Assert.Equal(0, await db.Outbox.CountAsync(o => o.Kind == "circular"));
        }
        Assert.Equal(RefusalKind.Conflict, (await Mediator.Send(new StrikeFromProposal(proposalId, [members[0].Id], WorkingGroup))).Kind);
    }

    [Fact]
    public async Task Bad_decisions_are_refused_whole_and_change_nothing()
    {
        var (proposalId, members) = await LargestProposalAsync();
        long other;
        await using (var db = _engine.Db())
            other = await db.EscalationProposals.Where(p => p.Id != proposalId && p.Status == "awaiting").MinAsync(p => p.Id);
        var before = await SnapshotAsync();

        // Striking every unit: refuse the proposal instead.
        var all = await Mediator.Send(new StrikeFromProposal(proposalId, members.Select(m => m.Id).ToList(), WorkingGroup));
        Assert.Equal(RefusalKind.Conflict, all.Kind);
        Assert.Contains("不能把全部单位移出名单", all.Refusal);
        // A unit that is not in it.
        Assert.Equal(RefusalKind.Conflict, (await Mediator.Send(new StrikeFromProposal(other, [members[0].Id], WorkingGroup))).Kind);
        // Nobody but the working group; nothing chosen; an id that is no proposal; too many at once.
        Assert.Equal(RefusalKind.Forbidden, (await Mediator.Send(new DecideProposals([proposalId], true, null, new Actor("yjt-clerk", ActorRole.UnitClerk, 1)))).Kind);
        Assert.Equal(RefusalKind.Invalid, (await Mediator.Send(new DecideProposals([], true, null, WorkingGroup))).Kind);
        var unknown = await Mediator.Send(new DecideProposals([proposalId, 987654], true, null, WorkingGroup));
        Assert.Equal((RefusalKind.NotFound, true), (unknown.Kind, unknown.Refusal!.Contains("987654")));
        Assert.Equal(RefusalKind.Invalid, (await Mediator.Send(new DecideProposals(Enumerable.Range(1, 201).Select(i => (long)i).ToList(), true, null, WorkingGroup))).Kind);
        var control = await Mediator.Send(new DecideProposals([proposalId], false, "理由\u0007", WorkingGroup));
        Assert.Equal(RefusalKind.Invalid, control.Kind);
        Assert.Equal(before, await SnapshotAsync());

        // Deciding in bulk an id no longer awaiting refuses the whole decision: the other stays awaiting, unnumbered.
        Assert.True((await Mediator.Send(new DecideProposals([other], true, null, WorkingGroup))).Succeeded);
        var mixed = await Mediator.Send(new DecideProposals([proposalId, other], true, null, WorkingGroup));
        Assert.Equal(RefusalKind.Conflict, mixed.Kind);
        Assert.Contains($"第{other}号已印发", mixed.Refusal);
        await using var db2 = _engine.Db();
        Assert.Equal("awaiting", await db2.EscalationProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync());
        Assert.Equal(1, await db2.Documents.CountAsync());
    }

    [Fact]
    public async Task A_proposal_whose_units_all_closed_is_withdrawn_and_cannot_be_approved()
    {
        var (proposalId, members) = await LargestProposalAsync();
        // Down to one unit with no shares below it, which then closes its task (申请办结, 销号): its 通报 is withdrawn with it.
        Member last;
        await using (var lookup = _engine.Db())
        {
            var parents = await lookup.Assignments.Where(a => a.ParentId != null).Select(a => a.ParentId!.Value).Distinct().ToListAsync();
            last = members.First(m => !parents.Contains(m.AssignmentId));
        }
        Assert.True((await Mediator.Send(new StrikeFromProposal(proposalId, members.Where(m => m != last).Select(m => m.Id).ToList(), WorkingGroup))).Succeeded);
        var clerk = new Actor("clerk", ActorRole.UnitClerk, last.UnitId);
        var applied = await Mediator.Send(new ApplyForCompletion(last.AssignmentId, clerk, "已完成"));
        Assert.True(applied.Succeeded, applied.Refusal);
        var closed = await Mediator.Send(new ApproveCompletion(last.AssignmentId, WorkingGroup));
        Assert.True(closed.Succeeded, closed.Refusal);

        var refused = await Mediator.Send(new DecideProposals([proposalId], true, null, WorkingGroup));
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        await using var db = _engine.Db();
        Assert.Equal("withdrawn", await db.EscalationProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync());
        Assert.Equal(EscalationStatuses.Withdrawn, await db.Escalations.Where(e => e.Id == last.Id).Select(e => e.Status).SingleAsync());
        Assert.Empty(await db.Documents.ToListAsync());
    }

    private sealed record Member(long Id, long AssignmentId, long UnitId, string Unit);

    private async Task<(long ProposalId, List<Member> Members)> LargestProposalAsync()
    {
        await using var db = _engine.Db();
        var rows = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join u in db.Units on a.UnitId equals u.Id
            where e.Status == EscalationStatuses.AwaitingApproval && e.Step == "circular"
            orderby e.Id
            select new { e.ProposalId, Member = new Member(e.Id, a.Id, u.Id, u.Name) }).ToListAsync();
        var largest = rows.GroupBy(r => r.ProposalId!.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        return (largest.Key, largest.Select(r => r.Member).ToList());
    }

    /// <summary>What a refused decision must leave as it was.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _engine.Db();
        var proposals = await db.EscalationProposals.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Status}:{p.DocumentId}").ToListAsync();
        var escalations = await db.Escalations.OrderBy(e => e.Id).Select(e => $"{e.Id}:{e.Status}:{e.ProposalId}:{e.DocumentId}").ToListAsync();
        var versions = await db.Assignments.SumAsync(a => (long)a.Version);
        return string.Join("|", proposals) + "#" + string.Join("|", escalations) + $"#{versions}#{await db.Documents.CountAsync()}#{await db.Journal.CountAsync()}#{await db.Outbox.CountAsync()}";
    }

    private static string TextOf(GeneratedDocument document) => DocxText.Of(document.Content);
}
