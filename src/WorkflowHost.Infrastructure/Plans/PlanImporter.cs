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

        var now = runtime.Clock.GetUtcNow();
        await using (var store = BulkStore.For(db))
        {
            var writer = new StartedAssignmentWriter(store, UnixTime.Of(now));
            foreach (var task in plan.Tasks)
            {
                var row = planRow.Tasks.Single(t => t.No == task.No);
                var start = WorkflowStart.For(runtime, row.DeadlineKind, row.DueDate, row.ReportingCadence, plan.Info.Year, now);
                foreach (var planned in AssignmentPlanner.Expand(task, directory))
                    await writer.AddAsync(row.Id, units[planned.Unit], planned.Role.ToWireName(), start, cancel);
            }
            await writer.FlushAsync(cancel);
            assignments = writer.Written;
        }
        await new WorkflowStarter(db, runtime).StartPendingAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new Outcome(true, plan.Info.Year, plan.Tasks.Count, units.Count, assignments,
            $"imported plan {plan.Info.Year}: {plan.Tasks.Count} tasks, {assignments} assignments across {units.Count} units");
    }

    /// <summary>Brings the units table in line with the directory, by name; returns name → id.</summary>
    private async Task<Dictionary<string, long>> SyncUnitsAsync(UnitDirectory directory, CancellationToken cancel)
    {
        var rows = await db.Units.ToDictionaryAsync(u => u.Name, cancel);
        foreach (var unit in directory.Units)
        {
            if (!rows.TryGetValue(unit.Name, out var row))
            {
                row = new UnitRow { Name = unit.Name, Kind = unit.Kind.ToWireName(), Email = unit.Email };
                db.Units.Add(row);
                rows[unit.Name] = row;
            }
            row.FullName = unit.FullName;
            row.Kind = unit.Kind.ToWireName();
            row.Email = unit.Email;
            row.InRegionsRule = unit.InRegionsRule;
        }
        await db.SaveChangesAsync(cancel);
        return rows.ToDictionary(r => r.Key, r => r.Value.Id);
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
