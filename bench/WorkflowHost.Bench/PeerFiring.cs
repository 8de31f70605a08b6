using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>One storm timer's firing as a one-workflow-per-item engine does it, through EF Core change tracking: load
/// the timer and its assignment, mark the timer fired, move the assignment to overdue, add the journal row, the outbox
/// row and the next timer, save. The same writes our engine makes for that timer; the peers (Quartz, Workflow Core)
/// each call this from their own job or step.</summary>
public static class PeerFiring
{
    public static async Task FireAsync(IDbContextFactory<WorkflowDbContext> contexts, StormShape storm, long timerId, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var timer = await db.Timers.SingleAsync(t => t.Id == timerId, cancel);
        var assignment = await db.Assignments.SingleAsync(a => a.Id == timer.AssignmentId, cancel);
        var nowMs = UnixTime.Of(DateTimeOffset.UtcNow);
        timer.Status = TimerStatus.Fired;
        timer.FiredAt = nowMs;
        var from = assignment.State;
        assignment.State = storm.OverdueState;
        assignment.PastDue = true;
        assignment.Version++;
        db.Journal.Add(new JournalRow { AssignmentId = assignment.Id, At = nowMs, Actor = Actor.Engine.Name, Event = EngineEvents.Overdue, FromState = from, ToState = storm.OverdueState, TimerId = timer.Id });
        db.Outbox.Add(new OutboxRow
        {
            Key = $"timer:{timer.Id}:overdue", Kind = EngineEvents.Overdue, AssignmentId = assignment.Id, UnitId = assignment.UnitId, CreatedAt = nowMs, Status = "pending",
            Payload = JsonSerializer.Serialize(new { step = EngineEvents.Overdue, timer = timer.Name, dueDate = assignment.DueDate }),
        });
        db.Timers.Add(WorkflowRuntime.ToRow(assignment.Id, storm.Letter));
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>The storm's overdue timers a peer fires: the first <paramref name="sample"/> by id.</summary>
    public static async Task<List<long>> SampleAsync(IDbContextFactory<WorkflowDbContext> contexts, StormShape storm, int sample, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Timers.Where(t => t.Status == TimerStatus.Pending && t.Name == storm.Overdue.Name)
            .OrderBy(t => t.Id).Select(t => t.Id).Take(sample).ToListAsync(cancel);
    }
}
