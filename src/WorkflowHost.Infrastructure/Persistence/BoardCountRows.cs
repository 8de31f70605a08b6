namespace WorkflowHost.Infrastructure.Persistence;

/// <summary>
/// How many started assignments share one board cell: the columns that decide an assignment's light and state title
/// (its task, whether its unit is a 市州, workflow and state, past due, due date, a missed report, an open escalation).
/// The board counts from these few thousand rows instead of a million assignments, live: the database's triggers on
/// <c>assignments</c>, <c>escalations</c> and <c>units</c> write every change of a cell as a row of
/// <see cref="BoardCountChangeRow"/> in the writer's own transaction, whatever wrote it (the engine's bulk statements,
/// a command, an import); a reader adds the two tables, and the engine folds the changes in after each of its runs
/// (<see cref="Dashboard.BoardCounts"/>). Changes are appended, never updated in place, so concurrent writers never
/// wait for each other on a shared counter row (on PostgreSQL that would serialise, even deadlock, the cluster's batches).
/// </summary>
public sealed class BoardCountRow
{
    public long TaskId { get; set; }
    /// <summary>The unit is a 市州 (<c>units.kind = 'region'</c>): the board's 区域 filter.</summary>
    public bool Region { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string State { get; set; }
    public bool PastDue { get; set; }
    /// <summary>The due date; <see cref="NoDueDate"/> for a 长期坚持 task (a key column cannot be null).</summary>
    public DateOnly DueDate { get; set; }
    public bool MissedReports { get; set; }
    public bool OpenEscalation { get; set; }
    public int Count { get; set; }

    public static readonly DateOnly NoDueDate = DateOnly.MinValue;
}

/// <summary>One change of a board cell's count (+1 or −1, written by a trigger), waiting to be folded into
/// <see cref="BoardCountRow"/>.</summary>
public sealed class BoardCountChangeRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public bool Region { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string State { get; set; }
    public bool PastDue { get; set; }
    public DateOnly DueDate { get; set; }
    public bool MissedReports { get; set; }
    public bool OpenEscalation { get; set; }
    public int Change { get; set; }
}
