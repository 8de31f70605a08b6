using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Persistence.Bulk;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Stores a plan, its units and its assignments, and starts every assignment's workflow, in one transaction.
/// Importing the same source again changes nothing; a different source for a year already imported is refused
/// (running workflows would otherwise lose their tasks).
/// </summary>
public sealed class PlanImporter(WorkflowDbContext db, WorkflowRuntime runtime)
{
    /// <summary>The tables a plan import fills; on a first import their secondary indexes are dropped for the load and
    /// rebuilt from their own definitions before the commit (one sorted build per index instead of a million random
    /// inserts into it). It is all one transaction: a failed import leaves the indexes, like everything else, as they
    /// were.</summary>
    private static readonly string[] LoadedTables = ["assignments", "timers", "journal"];

    /// <summary>Where the last <see cref="ImportAsync"/> spent its time.</summary>
    public ImportTimings Timings { get; } = new();

    public sealed record Outcome(bool Imported, int Year, int Tasks, int Units, int Assignments, string Message);

    public async Task<Outcome> ImportAsync(Plan plan, UnitDirectory directory, CancellationToken cancel = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var existing = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Year == plan.Info.Year, cancel);
        if (existing is not null)
        {
            if (existing.SourceHash != plan.SourceHash)
                throw new PlanInvalidException([new PlanProblem("plan", null, null, "year",
                    $"a different plan for {plan.Info.Year} is already imported (imported {existing.ImportedAt:yyyy-MM-dd HH:mm}); nothing was changed")]);
            var count = await db.Assignments.CountAsync(a => db.PlanTasks.Any(t => t.Id == a.TaskId && t.PlanId == existing.Id), cancel);
            return new Outcome(false, plan.Info.Year, plan.Tasks.Count, 0, count, $"plan {plan.Info.Year} is already imported; nothing changed");
        }

        var phase = System.Diagnostics.Stopwatch.GetTimestamp();
        var units = await SyncUnitsAsync(directory, cancel);
        int assignments;
        var planRow = new PlanRow
        {
            Year = plan.Info.Year,
            Title = plan.Info.Title,
            Issuer = plan.Info.Issuer,
            IssuedOn = plan.Info.IssuedOn,
            SourceHash = plan.SourceHash,
            ImportedAt = runtime.Clock.GetUtcNow(),
            Tasks = plan.Tasks.Select(ToRow).ToList(),
        };
        db.Plans.Add(planRow);
        await db.SaveChangesAsync(cancel);

        var firstImport = !await db.Assignments.AnyAsync(cancel);
        Timings.AddPlan(phase);

        var now = runtime.Clock.GetUtcNow();
        await using (var store = BulkStore.For(db))
        {
            phase = System.Diagnostics.Stopwatch.GetTimestamp();
            IReadOnlyList<string> indexes = firstImport ? await store.DropIndexesAsync(LoadedTables, cancel) : [];
            Timings.IndexesRebuilt = firstImport;
            Timings.AddDropIndexes(phase);
            var writer = new StartedAssignmentWriter(store, UnixTime.Of(now), Timings);
            foreach (var task in plan.Tasks)
            {
                var row = planRow.Tasks.Single(t => t.No == task.No);
                var start = WorkflowStart.For(runtime, row.DeadlineKind, row.DueDate, row.ReportingCadence, plan.Info.Year, now);
                var planned = AssignmentPlanner.Expand(task, directory, task.LeadOf);
                var parents = planned.Select(p => p.Parent).OfType<string>().ToHashSet();
                var parentIds = new Dictionary<string, long>();
                foreach (var share in planned)
                {
                    if (parents.Contains(share.Unit))
                        parentIds[share.Unit] = await writer.AddParentAsync(row.Id, units[share.Unit], share.Role.ToWireName(), start, cancel);
                    else
                        await writer.AddAsync(row.Id, units[share.Unit], share.Role.ToWireName(), start, cancel,
                            share.Parent is { } parent ? parentIds[parent] : null);
                }
            }
            await writer.FlushAsync(cancel);
            assignments = writer.Written;
            phase = System.Diagnostics.Stopwatch.GetTimestamp();
            await store.CreateIndexesAsync(indexes, cancel);
            Timings.AddCreateIndexes(phase);
        }
        phase = System.Diagnostics.Stopwatch.GetTimestamp();
        await new WorkflowStarter(db, runtime).StartPendingAsync(cancel);
        Timings.AddStartPending(phase);
        phase = System.Diagnostics.Stopwatch.GetTimestamp();
        await transaction.CommitAsync(cancel);
        Timings.AddCommit(phase);
        return new Outcome(true, plan.Info.Year, plan.Tasks.Count, units.Count, assignments,
            $"imported plan {plan.Info.Year}: {plan.Tasks.Count} tasks, {assignments} assignments across {units.Count} units");
    }

    /// <summary>Brings the units table in line with the directory, by name; returns name → id. Units already stored are
    /// updated through EF (a handful); new ones — all of them on a first import, 23,000 at national scale — go in
    /// through the bulk store.</summary>
    private async Task<Dictionary<string, long>> SyncUnitsAsync(UnitDirectory directory, CancellationToken cancel)
    {
        var rows = await db.Units.ToDictionaryAsync(u => u.Name, cancel);
        var added = new List<NewUnit>();
        foreach (var unit in directory.Units)
        {
            if (!rows.TryGetValue(unit.Name, out var row))
            {
                added.Add(new NewUnit(unit.Name, unit.FullName, unit.Kind.ToWireName(), unit.Email, unit.InRegionsRule));
                continue;
            }
            row.FullName = unit.FullName;
            row.Kind = unit.Kind.ToWireName();
            row.Email = unit.Email;
            row.InRegionsRule = unit.InRegionsRule;
        }
        await db.SaveChangesAsync(cancel);
        var ids = rows.ToDictionary(r => r.Key, r => r.Value.Id);
        if (added.Count > 0)
        {
            await using var store = BulkStore.For(db);
            var addedIds = await store.InsertUnitsAsync(added, cancel);
            for (var i = 0; i < added.Count; i++) ids[added[i].Name] = addedIds[i];
        }
        await SetParentsAsync(directory, ids, cancel);
        return ids;
    }

    /// <summary>Which unit belongs to which (县区 to their 市州), set once every unit has its id: only the rows whose
    /// parent changed, through the bulk store in one pass — a national directory has 20,000 县区 under 2,000 市州, which
    /// EF's change tracking would write one row at a time (and one EF update per 市州 compiled and sent 2,000 times).</summary>
    private async Task SetParentsAsync(UnitDirectory directory, Dictionary<string, long> ids, CancellationToken cancel)
    {
        var parentOf = directory.Units.Where(u => u.Parent is not null).ToDictionary(u => ids[u.Name], u => ids[u.Parent!]);
        var stored = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancel);
        var changed = stored.Select(u => new UnitParent(u.Id, parentOf.TryGetValue(u.Id, out var p) ? p : null))
            .Where((row, i) => row.ParentId != stored[i].ParentId).ToList();
        if (changed.Count == 0) return;
        await using var store = BulkStore.For(db);
        await store.SetUnitParentsAsync(changed, cancel);
    }

    private static PlanTaskRow ToRow(PlanTask task) => new()
    {
        No = task.No,
        Content = task.Content,
        Action = task.Action,
        ResponsibilityText = task.Responsibility.Text,
        DeadlineText = task.Deadline.Text,
        DeadlineKind = task.Deadline.Kind == DeadlineKind.Due ? "due" : "ongoing",
        DueDate = task.Deadline.Date,
        DeadlineCadence = task.Deadline.Cadence?.ToWireName(),
        ReportingCadence = task.ReportingCadence.ToWireName(),
        Regions = task.Responsibility.Regions,
    };
}
