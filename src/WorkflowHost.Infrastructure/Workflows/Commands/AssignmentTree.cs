using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>
/// An assignment's place in its tree, as the commands need it: who reviews it (its parent's unit), what its parent's
/// deadline is (a child's dates stay within it), and which of its children's shares are still open (the parent may not
/// apply before they are confirmed).
/// </summary>
public static class AssignmentTree
{
    /// <summary>The unit that reviews <paramref name="assignment"/> besides the working group: its parent's, or null.</summary>
    public static Task<long?> ReviewerUnitAsync(WorkflowDbContext db, AssignmentRow assignment, CancellationToken cancel) =>
        assignment.ParentId is { } parent
            ? db.Assignments.Where(a => a.Id == parent).Select(a => (long?)a.UnitId).SingleOrDefaultAsync(cancel)
            : Task.FromResult<long?>(null);

    /// <summary>The names of the units whose share under <paramref name="parentId"/> is not closed, in unit order.</summary>
    public static List<string> OpenChildren(WorkflowDbContext db, long parentId) =>
        (from a in db.Assignments
         join u in db.Units on a.UnitId equals u.Id
         where a.ParentId == parentId && a.ClosedAt == null
         orderby u.Id
         select u.Name).ToList();

    /// <summary>Why <paramref name="date"/> cannot be a due date of a child of <paramref name="assignment"/>'s parent
    /// (it is after the parent's own), or null.</summary>
    public static string? BeyondParent(WorkflowDbContext db, AssignmentRow assignment, DateOnly date)
    {
        if (assignment.ParentId is not { } parentId) return null;
        var parent = (from a in db.Assignments
                      join u in db.Units on a.UnitId equals u.Id
                      where a.Id == parentId
                      select new { a.DueDate, u.Name }).Single();
        return parent.DueDate is { } due && date > due
            ? $"日期 {date:yyyy-MM-dd} 晚于{parent.Name}本任务的完成时限 {due:yyyy-MM-dd},不能超出上级单位的时限"
            : null;
    }
}
