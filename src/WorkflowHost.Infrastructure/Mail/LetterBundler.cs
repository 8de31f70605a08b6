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
/// its rows are folded into the working group's digest, which lists its overdue tasks. Letters are gathered a few
/// thousand task rows to a transaction; if one unit's fails, the units of that transaction are gathered again one by
/// one, so only the failing unit's rows are set aside — retried with backoff like a mail — and never hold up the others.
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
        // One letter per unit, day and issuing office: a 县区's late shares of several tasks handed down by its 市州 are
        // one letter from the 市州 (grouped by the 市州, not by each task's parent share).
        var groups = rows.GroupBy(r => (r.UnitId, Day: ChinaTime.DateOf(UnixTime.ToChinaTime(r.CreatedAt)), r.IssuingUnitId))
            .Select(g => g.ToList()).ToList();
        var letters = 0;
        foreach (var together in Transactions(groups))
        {
            try
            {
                letters += await BundleAsync(together, now, cancel);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested && together.Count > 1)
            {
                // Something in one unit's letter failed and took the others' with it: each again alone, so the failing
                // one is set aside with its error and the rest go out.
                log.LogInformation(e, "{Count} units' letters failed together; each is gathered alone", together.Count);
                foreach (var group in together) letters += await BundleAloneAsync(group, now, cancel);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                await SetAsideAsync(together[0], e, now, cancel);
            }
        }
        return letters;
    }

    /// <summary>Units' letters gathered in one transaction: at most <see cref="RowsPerTransaction"/> task rows (a whole
    /// unit's always together), so a national morning's 20,000 letters take a few dozen commits, and the write lock is
    /// held for about as long as one of the engine's batches.</summary>
    private IEnumerable<List<List<TaskLetter>>> Transactions(List<List<TaskLetter>> groups)
    {
        var together = new List<List<TaskLetter>>();
        var rows = 0;
        foreach (var group in groups)
        {
            if (together.Count > 0 && rows + group.Count > RowsPerTransaction)
            {
                yield return together;
                (together, rows) = ([], 0);
            }
            together.Add(group);
            rows += group.Count;
        }
        if (together.Count > 0) yield return together;
    }

    /// <summary>Task rows gathered in one transaction: about one engine batch's worth of writes.</summary>
    private const int RowsPerTransaction = 2_000;

    private async Task<int> BundleAloneAsync(List<TaskLetter> group, DateTimeOffset now, CancellationToken cancel)
    {
        try
        {
            return await BundleAsync([group], now, cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            await SetAsideAsync(group, e, now, cancel);
            return 0;
        }
    }

    private async Task SetAsideAsync(List<TaskLetter> group, Exception e, DateTimeOffset now, CancellationToken cancel)
    {
        var day = ChinaTime.DateOf(UnixTime.ToChinaTime(group[0].CreatedAt));
        log.LogWarning(e, "the letters of unit {Unit} of {Day} could not be gathered", group[0].UnitId, day);
        await FailAsync(group.Select(r => r.OutboxId).ToList(), $"{e.GetType().Name}: {e.Message}", now, cancel);
    }

    /// <summary>Gathers the letters of several units (each one unit's of one day from one issuer) in one transaction;
    /// returns how many letters were issued. Everything is read set-based, by ids, and filtered here rather than in
    /// SQL: a condition on status or document beside the ids let SQLite walk the index of every pending row instead.</summary>
    private async Task<int> BundleAsync(List<List<TaskLetter>> groups, DateTimeOffset now, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await DocumentRegister.LockAsync(db, cancel);
        // Read again under the register's lock: another node's dispatcher may have gathered them a moment ago.
        var ids = groups.SelectMany(g => g.Select(r => r.OutboxId)).ToList();
        var outbox = new Dictionary<long, PendingRow>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var row in await db.Outbox.Where(o => chunk.Contains(o.Id))
                         .Select(o => new PendingRow(o.Id, o.AssignmentId!.Value, o.EscalationId, o.CreatedAt, o.Status)).ToListAsync(cancel))
                if (row.Status == OutboxStatus.Pending) outbox[row.Id] = row;
        var assignmentIds = outbox.Values.Select(o => o.AssignmentId).Distinct().ToList();
        var escalations = new List<IssuedLetter>();
        foreach (var chunk in assignmentIds.Chunk(500))
            escalations.AddRange((await db.Escalations.Where(e => chunk.Contains(e.AssignmentId))
                    .Select(e => new { e.Id, e.AssignmentId, e.RaisedAt, e.Step, e.DocumentId, e.Status }).ToListAsync(cancel))
                .Where(e => e.Step == EscalationSteps.Letter && e.DocumentId == null && e.Status == EscalationStatuses.Issued)
                .Select(e => new IssuedLetter(e.Id, e.AssignmentId, e.RaisedAt)));
        var escalationsOf = escalations.ToLookup(e => e.AssignmentId);
        var taskNoOf = new Dictionary<long, int>();
        foreach (var chunk in assignmentIds.Chunk(500))
            foreach (var a in await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id where chunk.Contains(a.Id) select new { a.Id, t.No })
                         .ToListAsync(cancel))
                taskNoOf[a.Id] = a.No;
        var units = await UnitsById.ReadAsync(db, groups.Select(g => g[0].UnitId), cancel);
        var issuers = await IssuingUnit.OfAllAsync(db, groups.Select(g => g[0].IssuingParent).OfType<long>().Distinct().ToList(), cancel);

        // Each unit's letter: the task rows still pending, each matched with the escalation raised with it.
        var folded = new List<long>();
        var unmatched = new List<PendingRow>();
        var letters = new List<(UnitRow Unit, IssuingUnit? Issuer, List<(PendingRow Row, IssuedLetter Escalation)> Found, RegisterEntry Entry)>();
        foreach (var group in groups)
        {
            var rows = group.Select(r => outbox.GetValueOrDefault(r.OutboxId)).OfType<PendingRow>().OrderBy(o => o.Id).ToList();
            if (rows.Count == 0) continue;
            var first = group[0];
            if (first.Kind == UnitKind.Office.ToWireName() && first.IssuingParent is null && !documents.LettersToOwnOffice)
            {
                folded.AddRange(rows.Select(r => r.Id));
                continue;
            }
            // Each task row names the escalation raised with it (rows written before it did: same assignment, same instant).
            var matched = rows.Select(o => (Row: o, Escalation: escalationsOf[o.AssignmentId].FirstOrDefault(e =>
                o.EscalationId is { } id ? e.Id == id : e.RaisedAt == o.CreatedAt))).ToList();
            unmatched.AddRange(matched.Where(m => m.Escalation is null).Select(m => m.Row));
            var found = matched.Where(m => m.Escalation is not null).Select(m => (m.Row, m.Escalation!)).ToList();
            if (found.Count == 0) continue;

            var unit = units.GetValueOrDefault(first.UnitId) ?? throw new InvalidOperationException($"unit {first.UnitId} does not exist");
            var issuer = first.IssuingParent is { } parent
                ? issuers.GetValueOrDefault(parent) ?? throw new InvalidOperationException($"the share {parent} that handed the work down does not exist")
                : null;
            var issuedAt = found.Max(m => m.Row.CreatedAt);
            var year = ChinaTime.DateOf(UnixTime.ToChinaTime(issuedAt)).Year;
            var entry = new RegisterEntry(EscalationSteps.Letter, year, issuer?.FullName ?? documents.Office,
                LetterFacts.TitleOf(found.Select(m => taskNoOf.TryGetValue(m.Row.AssignmentId, out var no) ? no
                    : throw new InvalidOperationException($"assignment {m.Row.AssignmentId} belongs to no task of the plan"))),
                unit.FullName ?? unit.Name, found.Select(m => m.Row.AssignmentId).Order().ToList(), issuedAt, null);
            letters.Add((unit, issuer, found, entry));
        }

        // Written set-based: a statement per 500 rows marked, one per letter for its escalations — not one per row.
        var issued = await DocumentRegister.IssueAllAsync(db, letters
            .Select(l => (l.Entry, (Func<int, string>)(seq => StepTitles.Number(l.Issuer?.Name, documents, EscalationSteps.Letter, l.Entry.Year, seq))))
            .ToList(), cancel);
        await NameDocumentsAsync(db, letters.Zip(issued, (l, document) => (document.Id, l.Found.Select(f => f.Escalation.Id).ToList())).ToList(), cancel);
        foreach (var ((unit, _, _, entry), document) in letters.Zip(issued))
        {
            db.Outbox.Add(new OutboxRow
            {
                Key = $"letter:{document.Id}", Kind = EscalationSteps.Letter, UnitId = unit.Id, CreatedAt = entry.IssuedAt, Status = OutboxStatus.Pending,
                Payload = $"{{\"document\":{document.Id}}}",
            });
        }
        await MarkAsync(db, letters.SelectMany(l => l.Found.Select(f => f.Row.Id)), OutboxStatus.Bundled, cancel);
        await MarkAsync(db, folded, OutboxStatus.Digested, cancel);
        foreach (var row in unmatched)
        {
            var reason = $"no issued letter for assignment {row.AssignmentId} raised at {UnixTime.ToChinaTime(row.CreatedAt):yyyy-MM-dd HH:mm}";
            await db.Outbox.Where(o => o.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OutboxStatus.Failed).SetProperty(o => o.LastError, reason), cancel);
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return letters.Count;
    }

    /// <summary>Each letter's escalations get its register entry, in one statement for the transaction's letters (a
    /// statement per letter was an eighth of a national morning's gathering). The ids are the database's own integers,
    /// written into the statement.</summary>
    private static async Task NameDocumentsAsync(WorkflowDbContext db, List<(long Document, List<long> Escalations)> letters, CancellationToken cancel)
    {
        if (letters.Count == 0) return;
        var cases = string.Concat(letters.Select(l => $" WHEN id IN ({string.Join(",", l.Escalations)}) THEN {l.Document}"));
        var sql = $"UPDATE escalations SET document_id = CASE{cases} END WHERE id IN ({string.Join(",", letters.SelectMany(l => l.Escalations))})";
        await db.Database.ExecuteSqlRawAsync(sql, cancel);
    }

    private static async Task MarkAsync(WorkflowDbContext db, IEnumerable<long> ids, string status, CancellationToken cancel)
    {
        foreach (var chunk in ids.Chunk(500))
            await db.Outbox.Where(o => chunk.Contains(o.Id)).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, status), cancel);
    }

    private sealed record PendingRow(long Id, long AssignmentId, long? EscalationId, long CreatedAt, string Status);

    private sealed record IssuedLetter(long Id, long AssignmentId, long RaisedAt);

    private async Task FailAsync(List<long> ids, string reason, DateTimeOffset now, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        foreach (var row in (await db.Outbox.Where(o => ids.Contains(o.Id)).ToListAsync(cancel)).Where(o => o.Status == OutboxStatus.Pending))
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
