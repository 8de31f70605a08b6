using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// The board's counts as the database keeps them (<see cref="BoardCountRow"/>): read live — the folded counts plus the
/// changes the triggers appended since, in one statement, so one snapshot — and folded after each engine run
/// (<see cref="FoldAsync"/>) so a read adds a few thousand rows, not every change since the last storm.
/// </summary>
public sealed class BoardCounts(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>One board cell and how many started assignments it holds (never 0).</summary>
    public sealed record Counted(long TaskId, bool Region, string DefinitionId, int DefinitionVersion, string State, bool PastDue, DateOnly DueDate,
        bool MissedReports, bool OpenEscalation, int Count);

    /// <summary>The cells of the given tasks (all tasks: null), of 市州 or the others only (<paramref name="region"/>,
    /// null: both), in one state (null: every state).</summary>
    public static async Task<List<Counted>> ReadAsync(WorkflowDbContext db, IQueryable<long>? taskIds, bool? region, string? state, CancellationToken cancel)
    {
        var rows = db.BoardCounts.Select(c => new { c.TaskId, c.Region, c.DefinitionId, c.DefinitionVersion, c.State, c.PastDue, c.DueDate, c.MissedReports, c.OpenEscalation, N = c.Count })
            .Concat(db.BoardCountChanges.Select(c => new { c.TaskId, c.Region, c.DefinitionId, c.DefinitionVersion, c.State, c.PastDue, c.DueDate, c.MissedReports, c.OpenEscalation, N = c.Change }));
        if (taskIds is not null) rows = rows.Where(c => taskIds.Contains(c.TaskId));
        if (region is { } r) rows = rows.Where(c => c.Region == r);
        if (state is not null) rows = rows.Where(c => c.State == state);
        var cells = await rows
            .GroupBy(c => new { c.TaskId, c.Region, c.DefinitionId, c.DefinitionVersion, c.State, c.PastDue, c.DueDate, c.MissedReports, c.OpenEscalation })
            .Select(g => new { g.Key, Count = g.Sum(c => c.N) })
            .Where(g => g.Count != 0)
            .ToListAsync(cancel);
        return cells.Select(c => new Counted(c.Key.TaskId, c.Key.Region, c.Key.DefinitionId, c.Key.DefinitionVersion, c.Key.State, c.Key.PastDue,
            c.Key.DueDate, c.Key.MissedReports, c.Key.OpenEscalation, c.Count)).ToList();
    }

    /// <summary>Moves the changes into the counts (<see cref="ChangeFold"/>) and drops cells that reached 0; returns how
    /// many cells it changed. Safe beside every writer.</summary>
    public async Task<int> FoldAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        // Nothing to fold after most engine runs: a read, not a write transaction (and an fsync).
        if (!await db.BoardCountChanges.AnyAsync(cancel)) return 0;
        await using var transaction = await ChangeFold.BeginAsync(db, FoldLock, cancel);
        if (transaction is null) return 0;
        var moved = await ChangeFold.MoveAsync(db, "board_count_changes", "board_counts", Columns, [("count", "change")], cancel);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM board_counts WHERE count = 0", cancel);
        await transaction.CommitAsync(cancel);
        return moved;
    }

    /// <summary>PostgreSQL's advisory lock that keeps two folds of the board's counts apart.</summary>
    private const long FoldLock = 7270418;

    private const string Columns = "task_id, region, definition_id, definition_version, state, past_due, due_date, missed_reports, open_escalation";
}
