using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Escalations;

/// <summary>
/// One proposal per task, step, issuer and day: the engine raises a 通报 (or 约谈, 曝光) awaiting approval per unit,
/// the working group decides them as one document. Run after each engine run: escalations raised since are put into
/// the open proposal of their task, step, issuer and day, or a new one; an open one whose units all closed meanwhile is
/// withdrawn. A proposal already decided is never added to;
/// what is raised after a decision forms the next one. Gathering is taken under the register's lock, as decisions are,
/// so a decision sees exactly the units it was shown. All groups go in one transaction; if that fails, each group is
/// tried in its own and one that fails is logged and tried again next run, never holding up the others.
/// </summary>
public sealed class ProposalGatherer(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock, ILogger<ProposalGatherer> log)
{
    /// <summary>Escalations gathered per run; the rest wait for the next run.</summary>
    private const int RowsPerRun = 50_000;

    private sealed record Ungathered(long EscalationId, long TaskId, string Step, long? IssuingParent, string Day);

    public async Task<int> GatherAsync(CancellationToken cancel = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancel))
            await ProposalMembers.WithdrawEmptyAsync(db, UnixTime.Of(clock.GetUtcNow()), cancel);
        var ungathered = await UngatheredAsync(cancel);
        if (ungathered.Count == 0) return 0;
        var groups = ungathered.GroupBy(u => (u.TaskId, u.Step, u.IssuingParent, u.Day)).Select(g => g.ToList()).ToList();
        try
        {
            await GatherAsync(groups, cancel);
            return groups.Count;
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            log.LogWarning(e, "gathering {Count} proposals at once failed; gathering each on its own", groups.Count);
        }
        var gathered = 0;
        foreach (var group in groups)
        {
            try
            {
                await GatherAsync([group], cancel);
                gathered++;
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                log.LogError(e, "the {Step} proposal of task {Task} on {Day} could not be gathered; tried again next run", group[0].Step, group[0].TaskId, group[0].Day);
            }
        }
        return gathered;
    }

    private async Task<List<Ungathered>> UngatheredAsync(CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var rows = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            where e.Status == EscalationStatuses.AwaitingApproval && e.ProposalId == null
            orderby e.Id
            select new { e.Id, a.TaskId, e.Step, a.Role, a.ParentId, e.RaisedAt }).AsNoTracking().Take(RowsPerRun).ToListAsync(cancel);
        return rows.Select(r => new Ungathered(r.Id, r.TaskId, r.Step, IssuingUnit.ParentOf(r.Role, r.ParentId),
            ChinaTime.DateOf(UnixTime.ToChinaTime(r.RaisedAt)).ToString("yyyy-MM-dd"))).ToList();
    }

    private async Task GatherAsync(IReadOnlyList<List<Ungathered>> groups, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await DocumentRegister.LockAsync(db, cancel);
        var nowMs = UnixTime.Of(clock.GetUtcNow());
        foreach (var group in groups)
        {
            var (taskId, step, parent, day) = (group[0].TaskId, group[0].Step, group[0].IssuingParent, group[0].Day);
            var proposal = await db.EscalationProposals.SingleOrDefaultAsync(p => p.Status == ProposalStatuses.Awaiting
                && p.TaskId == taskId && p.Step == step && p.Day == day && p.IssuingParentId == parent, cancel);
            if (proposal is null)
            {
                proposal = new EscalationProposalRow { TaskId = taskId, Step = step, IssuingParentId = parent, Day = day, Status = ProposalStatuses.Awaiting, CreatedAt = nowMs };
                db.EscalationProposals.Add(proposal);
                await db.SaveChangesAsync(cancel);
            }
            var ids = group.Select(u => u.EscalationId).ToList();
            // Read again under the lock: only escalations still awaiting and not yet gathered by another node.
            await db.Escalations.Where(e => ids.Contains(e.Id) && e.ProposalId == null && e.Status == EscalationStatuses.AwaitingApproval)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProposalId, proposal.Id), cancel);
        }
        await transaction.CommitAsync(cancel);
    }
}
