using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>
/// Who issues a share's letters and circulars other than the office: the unit that handed the work down (兰州市 to its
/// 县区). A lead's co-units are the province's units like the lead: theirs come from the office.
/// </summary>
public sealed record IssuingUnit(string Name, string FullName)
{
    /// <summary>The parent share whose unit issues for <paramref name="role"/>'s share, or null (the office).</summary>
    public static long? ParentOf(string role, long? parentId) => role == AssignmentRole.HandedDown.ToWireName() ? parentId : null;

    public static async Task<IssuingUnit?> OfAsync(WorkflowDbContext db, long? issuingParent, CancellationToken cancel) =>
        issuingParent is null ? null : await (
            from p in db.Assignments
            join u in db.Units on p.UnitId equals u.Id
            where p.Id == issuingParent
            select new IssuingUnit(u.Name, u.FullName ?? u.Name)).AsNoTracking().SingleAsync(cancel);

    /// <summary>The issuing units of several parent shares at once, by parent share.</summary>
    public static async Task<Dictionary<long, IssuingUnit>> OfAllAsync(WorkflowDbContext db, IReadOnlyList<long> issuingParents, CancellationToken cancel)
    {
        var found = new Dictionary<long, IssuingUnit>();
        foreach (var chunk in issuingParents.Chunk(500))
            foreach (var p in await (
                         from p in db.Assignments
                         join u in db.Units on p.UnitId equals u.Id
                         where chunk.Contains(p.Id)
                         select new { p.Id, u.Name, FullName = u.FullName ?? u.Name }).AsNoTracking().ToListAsync(cancel))
                found[p.Id] = new IssuingUnit(p.Name, p.FullName);
        return found;
    }
}
