using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// What one search box asks of the assignments: a task by its number, words of the task's content, or a unit by any
/// of its names. <paramref name="UnitNames"/> are the canonical names of the units whose alias or full name holds
/// <paramref name="Words"/> (the directory's aliases are not in the database, so the caller resolves them first).
/// <paramref name="NumberOnly"/>: the words name a task by its number and nothing else (「任务3」, not 「3」, which may
/// also be words of a task: 「31个子方案」).
/// </summary>
public sealed record BoardSearch(string Words, int? TaskNo, IReadOnlyList<string> UnitNames, bool NumberOnly = false)
{
    /// <summary>The assignments of <paramref name="assignments"/> the search finds, as one SQL predicate (a join on
    /// the 43-row task table and the unit table, never a list read into memory).</summary>
    public IQueryable<AssignmentRow> Apply(WorkflowDbContext db, IQueryable<AssignmentRow> assignments)
    {
        var (words, taskNo, unitNames) = (Words, TaskNo, UnitNames.ToList());
        if (NumberOnly && taskNo is not null) return assignments.Where(a => db.PlanTasks.Any(t => t.Id == a.TaskId && t.No == taskNo));
        return assignments.Where(a =>
            db.PlanTasks.Any(t => t.Id == a.TaskId && ((taskNo != null && t.No == taskNo) || t.Content.Contains(words)))
            || db.Units.Any(u => u.Id == a.UnitId && (u.Name.Contains(words) || (u.FullName != null && u.FullName.Contains(words)) || unitNames.Contains(u.Name))));
    }
}
