using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Escalations;

/// <summary>The units still in a proposal, claimed for a decision.</summary>
public static class ProposalMembers
{
    /// <summary>
    /// Bumps the version of every assignment in the proposal, then reads (tracked) the escalations still awaiting. The
    /// bump comes first: a 销号 that read an assignment before it loses on the version and runs again (then finds the
    /// escalation decided), and on PostgreSQL one that got there first holds the row until it commits, so the read
    /// after sees its escalation withdrawn.
    /// </summary>
    public static async Task<List<EscalationRow>> ClaimAsync(WorkflowDbContext db, long proposalId, CancellationToken cancel)
    {
        var inProposal = db.Escalations.Where(e => e.ProposalId == proposalId);
        await db.Assignments.Where(a => inProposal.Any(e => e.AssignmentId == a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1), cancel);
        return await inProposal.Where(e => e.Status == EscalationStatuses.AwaitingApproval).OrderBy(e => e.Id).ToListAsync(cancel);
    }

    /// <summary>
    /// Marks withdrawn the awaiting proposals (all, or those of <paramref name="ids"/>) left with no unit awaiting: each
    /// 销号 withdraws its own unit's escalation, and when the last units close at the same moment each still sees the
    /// others in, so none of them closes the proposal.
    /// </summary>
    /// <remarks>Read first: the engine asks after every run, and on SQLite even an UPDATE that changes nothing takes the
    /// database's write lock.</remarks>
    public static async Task<int> WithdrawEmptyAsync(WorkflowDbContext db, long nowMs, CancellationToken cancel, IReadOnlyCollection<long>? ids = null)
    {
        var empty = db.EscalationProposals.Where(p => p.Status == ProposalStatuses.Awaiting && (ids == null || ids.Contains(p.Id))
            && !db.Escalations.Any(e => e.ProposalId == p.Id && e.Status == EscalationStatuses.AwaitingApproval));
        if (!await empty.AnyAsync(cancel)) return 0;
        return await empty.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatuses.Withdrawn).SetProperty(p => p.DecidedAt, nowMs), cancel);
    }
}
