using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>How many assignments are in a state, and how many of those are past their due date.</summary>
public sealed record StateCount(string State, int Assignments, int PastDue);

/// <summary>The working group's headline numbers.</summary>
public sealed record DashboardCounts(int Assignments, int Overdue, IReadOnlyList<StateCount> States);

/// <summary>One line of the overdue list: the oldest due date first.</summary>
public sealed record OverdueItem(long AssignmentId, int TaskNo, string Unit, DateOnly? DueDate, string? State);

/// <summary>A unit with many overdue assignments.</summary>
public sealed record UnitOverdue(long UnitId, string Unit, int Overdue);

/// <summary>
/// The working group's dashboard over every assignment (a million at national scale). Each query is answered from
/// an index, never by reading the assignments table: counts by state from <c>(state, past_due)</c>, the overdue
/// list page from <c>(past_due, closed_at, due_date)</c> walked in order and stopped after one page, the ranking
/// from <c>(past_due, closed_at, unit_id)</c>. "Overdue" is what the briefing counts: past due and not closed.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<WorkflowDbContext> contexts)
{
    public const int MaxPageSize = 200;

    public async Task<DashboardCounts> CountsAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var rows = await db.Assignments.AsNoTracking()
            .Where(a => a.State != null)
            .GroupBy(a => new { a.State, a.PastDue })
            .Select(g => new { g.Key.State, g.Key.PastDue, Count = g.Count() })
            .ToListAsync(cancel);
        var states = rows.GroupBy(r => r.State!)
            .Select(g => new StateCount(g.Key, g.Sum(r => r.Count), g.Where(r => r.PastDue).Sum(r => r.Count)))
            .OrderByDescending(s => s.Assignments).ThenBy(s => s.State, StringComparer.Ordinal)
            .ToList();
        var overdue = await db.Assignments.AsNoTracking().CountAsync(a => a.PastDue && a.ClosedAt == null, cancel);
        return new DashboardCounts(states.Sum(s => s.Assignments), overdue, states);
    }

    /// <summary>Page <paramref name="page"/> (from 0) of the overdue list, oldest due date first, with task number and
    /// unit name.</summary>
    public async Task<IReadOnlyList<OverdueItem>> OverduePageAsync(int page, int pageSize = 50, CancellationToken cancel = default)
    {
        if (page < 0) throw new ArgumentOutOfRangeException(nameof(page), page, "page numbers start at 0");
        if (pageSize is < 1 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"a page holds 1–{MaxPageSize} lines");
        await using var db = await contexts.CreateDbContextAsync(cancel);
        // The page of ids first, from the index alone; the joins then touch only those rows.
        var ids = db.Assignments.AsNoTracking()
            .Where(a => a.PastDue && a.ClosedAt == null)
            .OrderBy(a => a.DueDate).ThenBy(a => a.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(a => a.Id);
        var rows = await (
            from a in db.Assignments.AsNoTracking()
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where ids.Contains(a.Id)
            select new { a.Id, t.No, Unit = u.Name, a.DueDate, a.State }).ToListAsync(cancel);
        return rows.OrderBy(r => r.DueDate).ThenBy(r => r.Id)
            .Select(r => new OverdueItem(r.Id, r.No, r.Unit, r.DueDate, r.State))
            .ToList();
    }

    /// <summary>The units with the most overdue assignments.</summary>
    public async Task<IReadOnlyList<UnitOverdue>> UnitRankingAsync(int top = 20, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var counts = await db.Assignments.AsNoTracking()
            .Where(a => a.PastDue && a.ClosedAt == null)
            .GroupBy(a => a.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.UnitId)
            .Take(top)
            .ToListAsync(cancel);
        var ids = counts.Select(c => c.UnitId).ToList();
        var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancel);
        return counts.Select(c => new UnitOverdue(c.UnitId, names[c.UnitId], c.Count)).ToList();
    }
}
