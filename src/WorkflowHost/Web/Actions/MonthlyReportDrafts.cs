using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Actions;

/// <summary>What a unit typed for one task on its monthly report page, as typed (figures unparsed).</summary>
public sealed record MonthlyLine(long AssignmentId, string? Text, string? Figures)
{
    public bool Filled => !string.IsNullOrWhiteSpace(Text) || !string.IsNullOrWhiteSpace(Figures);
}

/// <summary>
/// The monthly report's draft, kept on the server per unit, assignment and period, so that it survives signing out and
/// another staff member of the unit can finish it. Stored in the sign-off table (status <see cref="SignOffStatus.Draft"/>)
/// beside the drafts the leader signs, rather than in a table of its own: it is the same thing a step earlier.
/// </summary>
public sealed class MonthlyReportDrafts(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime)
{
    private sealed record Payload(string Period, string? Text, string? Figures);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The unit's saved lines for these assignments, each for the period it is due now (a draft of an earlier
    /// period is not offered for this one).</summary>
    public async Task<Dictionary<long, MonthlyLine>> LoadAsync(long unitId, IReadOnlyDictionary<long, string> periods, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var ids = periods.Keys.ToList();
        var rows = await db.SignOffs.AsNoTracking()
            .Where(s => s.UnitId == unitId && s.Status == SignOffStatus.Draft && ids.Contains(s.AssignmentId)).ToListAsync(cancel);
        var lines = new Dictionary<long, MonthlyLine>();
        foreach (var row in rows)
            if (JsonSerializer.Deserialize<Payload>(row.Payload, Json) is { } saved && saved.Period == periods[row.AssignmentId])
                lines[row.AssignmentId] = new MonthlyLine(row.AssignmentId, saved.Text, saved.Figures);
        return lines;
    }

    /// <summary>Replaces the unit's draft of these assignments with what was typed (blank lines drop theirs), in one
    /// transaction.</summary>
    public async Task SaveAsync(CurrentUser user, IReadOnlyList<MonthlyLine> lines, IReadOnlyDictionary<long, string> periods, CancellationToken cancel)
    {
        var unitId = user.UnitId!.Value;
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var ids = lines.Select(l => l.AssignmentId).ToList();
        await db.SignOffs.Where(s => s.UnitId == unitId && s.Status == SignOffStatus.Draft && ids.Contains(s.AssignmentId)).ExecuteDeleteAsync(cancel);
        var now = UnixTime.Of(runtime.Clock.GetUtcNow());
        foreach (var line in lines.Where(l => l.Filled))
            db.SignOffs.Add(new SignOffRow
            {
                AssignmentId = line.AssignmentId,
                UnitId = unitId,
                Action = Outgoing.Report,
                Payload = JsonSerializer.Serialize(new Payload(periods[line.AssignmentId], line.Text, line.Figures), Json),
                PreparedBy = user.UserName,
                PreparedAt = now,
                Status = SignOffStatus.Draft,
            });
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
    }

    /// <summary>Drops the draft of the assignments whose report went out (or went to the leader).</summary>
    public async Task RemoveAsync(long unitId, IReadOnlyCollection<long> assignmentIds, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await db.SignOffs.Where(s => s.UnitId == unitId && s.Status == SignOffStatus.Draft && assignmentIds.Contains(s.AssignmentId)).ExecuteDeleteAsync(cancel);
    }
}
