using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Persistence;

/// <summary>Units read by id, untracked, a statement per 500 ids (within every provider's parameter limit); an id with
/// no unit is left out.</summary>
internal static class UnitsById
{
    public static async Task<Dictionary<long, UnitRow>> ReadAsync(WorkflowDbContext db, IEnumerable<long> ids, CancellationToken cancel)
    {
        var units = new Dictionary<long, UnitRow>();
        foreach (var chunk in ids.Distinct().Chunk(500))
            foreach (var unit in await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Id)).ToListAsync(cancel))
                units[unit.Id] = unit;
        return units;
    }
}
