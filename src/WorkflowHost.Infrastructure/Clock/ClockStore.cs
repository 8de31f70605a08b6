using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Clock;

/// <summary>Keeps a virtual clock's time in the database, so a restart continues from where it was rather than
/// from the configured start.</summary>
public static class ClockStore
{
    public static async Task RestoreAsync(WorkflowDbContext db, VirtualClock clock, CancellationToken cancel = default)
    {
        var saved = await db.Clock.AsNoTracking().SingleOrDefaultAsync(c => c.Id == 1, cancel);
        if (saved is not null && UnixTime.ToChinaTime(saved.VirtualAt) > clock.GetUtcNow())
            clock.MoveTo(UnixTime.ToChinaTime(saved.VirtualAt));
    }

    public static async Task SaveAsync(WorkflowDbContext db, VirtualClock clock, TimeProvider real, CancellationToken cancel = default)
    {
        var row = await db.Clock.SingleOrDefaultAsync(c => c.Id == 1, cancel);
        if (row is null) db.Clock.Add(row = new ClockRow { Id = 1 });
        row.VirtualAt = UnixTime.Of(clock.GetUtcNow());
        row.RealAt = UnixTime.Of(real.GetUtcNow());
        await db.SaveChangesAsync(cancel);
    }
}
