using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// One 督办函 per unit per day: before the outbox is sent, the 函告 the engine raised — one outbox row per task and
/// unit — are gathered by unit, issuer (the office, or the unit that handed the work down) and day into one letter
/// with one number in the register and one mail (a new outbox row; the task rows are marked bundled). A unit's letters
/// of an instant are gathered only once the engine has no timer left due by then, so a storm's letters are not split.
/// The office that hosts the working group is not written to by itself (<see cref="DocumentOptions.LettersToOwnOffice"/>):
/// its rows are folded into the working group's digest, which lists its overdue tasks. Each group is its own
/// transaction; a group that fails is retried with backoff like a mail and never holds up the others.
/// </summary>
public sealed class LetterBundler(IDbContextFactory<WorkflowDbContext> contexts, DocumentOptions documents, MailOptions options, ILogger<LetterBundler> log)
{
    /// <summary>Task rows read per run; the rest wait for the next run. (Settable so a test can cut a window small.)</summary>
    public int RowsPerRun { get; set; } = 20_000;

    public async Task<int> BundleAsync(DateTimeOffset now, CancellationToken cancel)
    {
        var nowMs = UnixTime.Of(now);
        List<TaskLetter> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancel))
        {
            var nextDue = await db.Timers.Where(t => t.Status == TimerStatus.Pending).MinAsync(t => (long?)t.DueAt, cancel);
            var settled = Math.Min(nowMs, (nextDue ?? long.MaxValue) - 1);
            rows = await (
                from o in db.Outbox
                join a in db.Assignments on o.AssignmentId equals a.Id
                join u in db.Units on a.UnitId equals u.Id
                join p in db.Assignments on a.ParentId equals p.Id into parents
                from p in parents.DefaultIfEmpty()
                where o.Status == OutboxStatus.Pending && o.Kind == EscalationSteps.Letter && o.CreatedAt <= settled
                      && (o.NextAttemptAt == null || o.NextAttemptAt <= nowMs)
                // By unit first: a unit's 函告 of the day stay together in one window and become one letter. (In the
                // order they were raised, a window of a national morning held one row of each of 20,000 units, and a
                // county got a letter per window.)
                orderby u.Id, o.CreatedAt, o.Id
                select new TaskLetter(o.Id, a.Id, u.Id, u.Kind, o.CreatedAt, a.Role, a.ParentId, p == null ? null : p.UnitId))
                .AsNoTracking().Take(RowsPerRun).ToListAsync(cancel);
        }
        // A full window may have cut the last unit's rows: that unit waits for the next run, whole — unless it is the
        // whole window.
        if (rows.Count == RowsPerRun && rows[0].UnitId != rows[^1].UnitId)
        {
            var cut = rows[^1].UnitId;
            rows.RemoveAll(r => r.UnitId == cut);
        }
        var letters = 0;
        // One letter per unit, day and issuing office: a 县区's late shares of several tasks handed down by its 市州 are
        // one letter from the 市州 (grouped by the 市州, not by each task's parent share).
        foreach (var group in rows.GroupBy(r => (r.UnitId, Day: ChinaTime.DateOf(UnixTime.ToChinaTime(r.CreatedAt)), r.IssuingUnitId)))
        {
            try
            {
                if (await BundleAsync(group.ToList(), now, cancel)) letters++;
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                log.LogWarning(e, "the letters of unit {Unit} of {Day} could not be gathered", group.Key.UnitId, group.Key.Day);
                await FailAsync(group.Select(r => r.OutboxId).ToList(), $"{e.GetType().Name}: {e.Message}", now, cancel);
            }
        }
        return letters;
    }

    /// <summary>Gathers one unit's letters of one day from one issuer; returns whether a letter was issued.</summary>
    private async Task<bool> BundleAsync(List<TaskLetter> group, DateTimeOffset now, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await DocumentRegister.LockAsync(db, cancel);
        // Read again under the register's lock: another node's dispatcher may have gathered them a moment ago.
        var ids = group.Select(r => r.OutboxId).ToList();
        var outbox = await db.Outbox.Where(o => ids.Contains(o.Id) && o.Status == OutboxStatus.Pending).OrderBy(o => o.Id).ToListAsync(cancel);
        if (outbox.Count == 0) return false;

        var first = group[0];
        if (first.Kind == UnitKind.Office.ToWireName() && first.IssuingParent is null && !documents.LettersToOwnOffice)
        {
            foreach (var row in outbox) row.Status = OutboxStatus.Digested;
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return false;
        }

        var assignmentIds = outbox.Select(o => o.AssignmentId!.Value).ToList();
        var escalations = await db.Escalations
            .Where(e => assignmentIds.Contains(e.AssignmentId) && e.Step == EscalationSteps.Letter && e.DocumentId == null && e.Status == EscalationStatuses.Issued)
            .ToListAsync(cancel);
        // Each task row names the escalation raised with it (rows written before it did: same assignment, same instant).
        var matched = outbox.Select(o => (Row: o, Escalation: escalations.FirstOrDefault(e =>
            o.EscalationId is { } id ? e.Id == id : e.AssignmentId == o.AssignmentId && e.RaisedAt == o.CreatedAt))).ToList();
        foreach (var (row, _) in matched.Where(m => m.Escalation is null))
        {
            row.Status = OutboxStatus.Failed;
            row.LastError = $"no issued letter for assignment {row.AssignmentId} raised at {UnixTime.ToChinaTime(row.CreatedAt):yyyy-MM-dd HH:mm}";
        }
        var found = matched.Where(m => m.Escalation is not null).ToList();
        if (found.Count == 0)
        {
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return false;
        }

        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == first.UnitId, cancel);
        var issuer = await IssuingUnit.OfAsync(db, first.IssuingParent, cancel);
        var taskNos = await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id where assignmentIds.Contains(a.Id) select t.No).ToListAsync(cancel);
        var issuedAt = found.Max(m => m.Row.CreatedAt);
        var year = ChinaTime.DateOf(UnixTime.ToChinaTime(issuedAt)).Year;
        var entry = new RegisterEntry(EscalationSteps.Letter, year, issuer?.FullName ?? documents.Office, LetterFacts.TitleOf(taskNos),
            unit.FullName ?? unit.Name, found.Select(m => m.Row.AssignmentId!.Value).Order().ToList(), issuedAt, null);
        var document = await DocumentRegister.IssueAsync(db, entry, seq => StepTitles.Number(issuer?.Name, documents, EscalationSteps.Letter, year, seq), cancel);
        foreach (var (row, escalation) in found)
        {
            escalation!.DocumentId = document.Id;
            row.Status = OutboxStatus.Bundled;
        }
        db.Outbox.Add(new OutboxRow
        {
            Key = $"letter:{document.Id}", Kind = EscalationSteps.Letter, UnitId = unit.Id, CreatedAt = issuedAt, Status = OutboxStatus.Pending,
            Payload = $"{{\"document\":{document.Id}}}",
        });
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return true;
    }

    private async Task FailAsync(List<long> ids, string reason, DateTimeOffset now, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        foreach (var row in await db.Outbox.Where(o => ids.Contains(o.Id) && o.Status == OutboxStatus.Pending).ToListAsync(cancel))
        {
            row.Attempts++;
            row.LastError = reason.Length > 1000 ? reason[..1000] : reason;
            if (RetryPolicy.IsExhausted(row.Attempts, options)) row.Status = OutboxStatus.Failed;
            else row.NextAttemptAt = UnixTime.Of(now + RetryPolicy.DelayAfter(row.Attempts, options));
        }
        await db.SaveChangesAsync(cancel);
    }

    private sealed record TaskLetter(long OutboxId, long AssignmentId, long UnitId, string Kind, long CreatedAt, string Role, long? ParentId, long? ParentUnitId)
    {
        /// <summary>A parent share of the issuing unit (any of the group's: they all belong to it), or null (the office).</summary>
        public long? IssuingParent => IssuingUnit.ParentOf(Role, ParentId);

        public long? IssuingUnitId => IssuingParent is null ? null : ParentUnitId;
    }
}
