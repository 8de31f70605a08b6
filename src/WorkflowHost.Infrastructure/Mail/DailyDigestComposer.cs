using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Infrastructure.Workflows.Commands;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// At the digest time of each working day, folds every queued notification of a unit into one digest row for that
/// unit and that day, and writes the working group's digest of what is overdue, awaiting review and awaiting
/// approval. Digest rows are keyed <c>digest:unit:{id}:{day}</c> and <c>digest:wg:{day}</c> and written in the same
/// transaction that marks their source rows digested, so each exists once however often this runs or restarts.
/// Notifications queued after a unit's digest wait for the next working day.
/// </summary>
public sealed class DailyDigestComposer(IDbContextFactory<WorkflowDbContext> contexts, WorkingCalendar calendar, WorkflowDefinitionCatalog definitions, MailOptions options, TimeProvider clock)
{
    /// <summary>Chinese written as it is, not escaped (\uXXXX is six bytes a character where UTF-8 takes three): the
    /// payload is only ever read back by this product.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Unit digests saved (and let go of) at a time, inside the run's one transaction.</summary>
    private const int DigestsPerSave = 200;

    /// <summary>Writes the digests due at the engine clock's time.</summary>
    public Task<int> RunAsync(CancellationToken cancel = default) => RunAsync(clock.GetUtcNow(), cancel);

    /// <summary>Writes the digests due at <paramref name="now"/>; returns how many digest rows were written.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancel = default)
    {
        if (DigestDay.At(now, options.DigestAt, calendar) is not { } day) return 0;
        var cutoff = UnixTime.Of(ChinaTime.At(day, options.DigestAt));
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var workingGroupKey = $"digest:wg:{dayText}";

        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var immediate = OutboxKinds.Immediate.ToArray();
        // Read as plain values, not tracked rows: a national morning queues about a hundred thousand notices, and each
        // is only folded — marked below by a statement per 500, not saved one by one.
        var queued = await db.Outbox
            .Where(o => o.Status == OutboxStatus.Pending && !immediate.Contains(o.Kind) && o.CreatedAt <= cutoff)
            .OrderBy(o => o.Id)
            .Select(o => new QueuedNotice(o.Id, o.Kind, o.Key, o.AssignmentId, o.UnitId, o.Payload))
            .ToListAsync(cancel);
        var written = await db.Outbox.Where(o => o.Kind == OutboxKinds.Digest && o.Key.EndsWith(":" + dayText))
            .Select(o => o.Key).ToListAsync(cancel);
        var done = written.ToHashSet();
        if (done.Contains(workingGroupKey) && queued.All(o => o.UnitId is { } u && done.Contains(UnitKey(u, dayText)))) return 0;

        var texts = await SharedTexts.LoadAsync(db, cancel);
        var facts = await AssignmentFactsAsync(db, queued.Where(o => o.AssignmentId is not null).Select(o => o.AssignmentId!.Value), texts, cancel);
        var periods = await PeriodsAsync(db, queued, cancel);
        var lateBelow = await LateBelowAsync(db, texts, cancel);
        var byUnit = queued.Where(o => o.UnitId is not null).ToLookup(o => o.UnitId!.Value);
        var count = 0;
        var foldedForUnits = new List<long>();
        foreach (var unitId in byUnit.Select(g => g.Key).Union(lateBelow.Select(g => g.Key)).Order())
        {
            var group = byUnit[unitId];
            var key = UnitKey(unitId, dayText);
            if (done.Contains(key)) continue;
            var items = group
                .Where(o => o.AssignmentId is { } a && facts.ContainsKey(a))
                .Select(o => UnitItem(o, facts[o.AssignmentId!.Value], periods.GetValueOrDefault(o.Id)))
                // A reminder that the deadline is near means nothing once it has passed (the host was down): drop it.
                .Where(i => i.Section != DigestSections.DueSoon || i.DueDate is not { } due || due >= day)
                // Two notices about one thing (reminders on two days, or a report's reminder, due day and lapse while
                // the host was down) read as one line: the latest, which is also the most pressing.
                .GroupBy(i => (i.Section, i.AssignmentId, i.Section == DigestSections.Report ? "" : i.Kind, i.Period))
                .Select(g => g.Last())
                .Concat(lateBelow[unitId])
                .OrderBy(i => i.TaskNo)
                .ToList();
            foldedForUnits.AddRange(group.Select(o => o.Id));
            if (items.Count == 0) continue;
            db.Outbox.Add(DigestRow(key, unitId, new DigestPayload(day, unitId, items, ComposedAt: now), cutoff));
            // Written as they are made, within the one transaction: a 市州's digest lists its 县区's late shares, up to a
            // few hundred kilobytes, and a national morning's tracked together held about half a gigabyte.
            if (++count % DigestsPerSave == 0)
            {
                await db.SaveChangesAsync(cancel);
                db.ChangeTracker.Clear();
            }
        }

        if (!done.Contains(workingGroupKey))
        {
            var forWorkingGroup = queued.Where(o => o.UnitId is null).ToList();
            var items = await WorkingGroupItemsAsync(db, cancel);
            var failed = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed, cancel);
            var incidents = await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open, cancel);
            await FoldAsync(db, forWorkingGroup.Select(o => o.Id), _ => workingGroupKey, cancel);
            if (items.Count > 0 || failed > 0 || incidents > 0)
            {
                db.Outbox.Add(DigestRow(workingGroupKey, null, new DigestPayload(day, null, items, failed, incidents, now), cutoff));
                count++;
            }
        }

        await FoldAsync(db, foldedForUnits, o => "digest:unit:" + o.UnitId!.Value.ToString() + ":" + dayText, cancel);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return count;
    }

    private sealed record QueuedNotice(long Id, string Kind, string Key, long? AssignmentId, long? UnitId, string? Payload);

    private static string UnitKey(long unitId, string day) => $"digest:unit:{unitId}:{day}";

    /// <summary>Marks notices digested into their digest (<see cref="UnitKey"/>'s form, computed by the database per row).</summary>
    private static async Task FoldAsync(WorkflowDbContext db, IEnumerable<long> ids, System.Linq.Expressions.Expression<Func<OutboxRow, string?>> digestKey,
        CancellationToken cancel)
    {
        foreach (var chunk in ids.Chunk(500))
            await db.Outbox.Where(o => chunk.Contains(o.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OutboxStatus.Digested).SetProperty(o => o.DigestKey, digestKey), cancel);
    }

    private static OutboxRow DigestRow(string key, long? unitId, DigestPayload payload, long createdAt) => new()
    {
        Key = key,
        Kind = OutboxKinds.Digest,
        UnitId = unitId,
        CreatedAt = createdAt,
        Status = OutboxStatus.Pending,
        Payload = JsonSerializer.Serialize(payload, Json),
    };

    private sealed record AssignmentFacts(long Id, int TaskNo, string Content, string DeadlineText, DateOnly? DueDate, string Unit);

    /// <summary>The plan's tasks and the units' names, read once a run: the facts below refer to them rather than
    /// carrying a copy of a task's text per row (a national morning has about a hundred thousand rows and 43 tasks).</summary>
    private sealed record SharedTexts(Dictionary<long, (int No, string Content, string DeadlineText)> Tasks, Dictionary<long, string> Units)
    {
        public static async Task<SharedTexts> LoadAsync(WorkflowDbContext db, CancellationToken cancel) => new(
            await db.PlanTasks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => (t.No, DigestItem.Line(t.Content), t.DeadlineText), cancel),
            await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancel));
    }

    private static async Task<Dictionary<long, AssignmentFacts>> AssignmentFactsAsync(WorkflowDbContext db, IEnumerable<long> ids, SharedTexts texts,
        CancellationToken cancel)
    {
        var wanted = ids.Distinct().ToList();
        var facts = new Dictionary<long, AssignmentFacts>();
        // Chunks keep the IN list within every provider's parameter limit.
        foreach (var chunk in wanted.Chunk(500))
        {
            var rows = await db.Assignments.AsNoTracking().Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.TaskId, a.UnitId, a.DueDate }).ToListAsync(cancel);
            foreach (var row in rows)
                if (texts.Tasks.TryGetValue(row.TaskId, out var task) && texts.Units.TryGetValue(row.UnitId, out var unit))
                    facts[row.Id] = new AssignmentFacts(row.Id, task.No, task.Content, task.DeadlineText, row.DueDate, unit);
        }
        return facts;
    }

    /// <summary>The report period of rows written by report timers (their key is <c>timer:{id}:{event}</c>).</summary>
    private static async Task<Dictionary<long, string?>> PeriodsAsync(WorkflowDbContext db, IReadOnlyList<QueuedNotice> rows, CancellationToken cancel)
    {
        var timerOf = new Dictionary<long, long>();
        foreach (var row in rows.Where(r => DigestSections.ForUnitKind(r.Kind) == DigestSections.Report))
        {
            var parts = row.Key.Split(':');
            if (parts is ["timer", var id, ..] && long.TryParse(id, CultureInfo.InvariantCulture, out var timerId)) timerOf[row.Id] = timerId;
        }
        var periods = new Dictionary<long, string?>();
        foreach (var chunk in timerOf.Values.Distinct().Chunk(500))
        {
            var found = await db.Timers.Where(t => chunk.Contains(t.Id)).Select(t => new { t.Id, t.Period }).ToDictionaryAsync(t => t.Id, t => t.Period, cancel);
            foreach (var (row, timer) in timerOf)
                if (found.TryGetValue(timer, out var period)) periods[row] = period;
        }
        return periods;
    }

    private static DigestItem UnitItem(QueuedNotice row, AssignmentFacts a, string? period)
    {
        var section = DigestSections.ForUnitKind(row.Kind);
        // A line about a share below names whose share it is.
        return new(section, row.Kind, a.Id, a.TaskNo, a.Content, a.DeadlineText, a.DueDate,
            Unit: section == DigestSections.Confirm || row.Kind == EngineEvents.Withdrawn ? a.Unit : null, Period: period, Reason: ReasonOf(row.Payload));
    }

    /// <summary>The date each assignment's last extension request asked for, and why (from its journal row).</summary>
    private static async Task<Dictionary<long, (DateOnly? Date, string? Reason)>> ExtensionRequestsAsync(WorkflowDbContext db, List<long> ids, CancellationToken cancel)
    {
        var found = new Dictionary<long, (DateOnly?, string?)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Journal.AsNoTracking()
                .Where(j => j.AssignmentId != null && chunk.Contains(j.AssignmentId.Value) && j.Event == EngineEvents.ExtensionRequested)
                .Select(j => new { AssignmentId = j.AssignmentId!.Value, j.Id, j.Data, j.Reason }).ToListAsync(cancel);
            foreach (var last in rows.GroupBy(r => r.AssignmentId).Select(g => g.MaxBy(r => r.Id)!))
                found[last.AssignmentId] = (ExtensionRequestData.DateOf(last.Data), last.Reason);
        }
        return found;
    }

    /// <summary>下级单位逾期, by the unit above them: open shares past their deadline whose parent belongs to that unit.</summary>
    private async Task<ILookup<long, DigestItem>> LateBelowAsync(WorkflowDbContext db, SharedTexts texts, CancellationToken cancel)
    {
        var closed = definitions.States.Named(StateRole.Closed);
        var rows = await (
            from c in db.Assignments
            join p in db.Assignments on c.ParentId equals p.Id
            where c.PastDue && !closed.Contains(c.State!)
            select new { ParentUnit = p.UnitId, c.Id, c.DueDate, c.TaskId, c.UnitId }).AsNoTracking().ToListAsync(cancel);
        return rows.Where(r => texts.Tasks.ContainsKey(r.TaskId) && texts.Units.ContainsKey(r.UnitId))
            .Select(r => (r.ParentUnit, Task: texts.Tasks[r.TaskId], r.UnitId, Item: r))
            .OrderBy(r => r.Task.No).ThenBy(r => r.UnitId)
            .ToLookup(r => r.ParentUnit, r => new DigestItem(DigestSections.LateBelow, EngineEvents.Overdue, r.Item.Id, r.Task.No, r.Task.Content,
                r.Task.DeadlineText, r.Item.DueDate, texts.Units[r.UnitId]));
    }

    private static string? ReasonOf(string? payload)
    {
        if (payload is null) return null;
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The working group's view, from the current state rather than from events: what is overdue, what awaits
    /// its review, and which escalations await its approval.</summary>
    private async Task<List<DigestItem>> WorkingGroupItemsAsync(WorkflowDbContext db, CancellationToken cancel)
    {
        var states = definitions.States;
        var (closed, review) = (states.Named(StateRole.Closed), states.Named(StateRole.CompletionReview, StateRole.ExtensionReview));
        var open = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            // Trees, not rows: a share below is its parent unit's to review and to chase (their digests say so).
            where a.ParentId == null && !closed.Contains(a.State!) && (a.PastDue || review.Contains(a.State!))
            orderby t.No, u.Id
            select new { a.Id, a.State, a.PastDue, a.DueDate, t.No, t.Content, t.DeadlineText, Unit = u.Name }).AsNoTracking().ToListAsync(cancel);
        var items = new List<DigestItem>();
        var extensions = await ExtensionRequestsAsync(db, open.Where(a => states.RoleOf(a.State!) == StateRole.ExtensionReview).Select(a => a.Id).ToList(), cancel);
        foreach (var a in open.Select(a => a with { Content = DigestItem.Line(a.Content) }))
        {
            // An item names what happened (the event), as the units' items do; an extension, the date asked and why.
            var role = states.RoleOf(a.State!);
            if (role == StateRole.ExtensionReview)
            {
                var (date, reason) = extensions.GetValueOrDefault(a.Id);
                items.Add(new DigestItem(DigestSections.Review, EngineEvents.ExtensionRequested, a.Id, a.No, a.Content, a.DeadlineText, a.DueDate, a.Unit,
                    Reason: reason, RequestedDate: date));
            }
            else if (role.AwaitsDecision())
                items.Add(new DigestItem(DigestSections.Review, EngineEvents.Applied, a.Id, a.No, a.Content, a.DeadlineText, a.DueDate, a.Unit));
            if (a.PastDue)
                items.Add(new DigestItem(DigestSections.Overdue, EngineEvents.Overdue, a.Id, a.No, a.Content, a.DeadlineText, a.DueDate, a.Unit));
        }
        var approvals = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where e.Status == "awaiting-approval"
            orderby t.No, e.Id
            select new { e.Id, e.Step, AssignmentId = a.Id, a.DueDate, t.No, t.Content, t.DeadlineText, Unit = u.Name }).AsNoTracking().ToListAsync(cancel);
        items.AddRange(approvals.Select(e => new DigestItem(DigestSections.Approval, OutboxKinds.EscalationAwaitingApproval, e.AssignmentId, e.No, DigestItem.Line(e.Content),
            e.DeadlineText, e.DueDate, e.Unit, EscalationId: e.Id, Step: e.Step)));
        return items;
    }
}
