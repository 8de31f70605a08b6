namespace WorkflowHost.Infrastructure.Persistence.Bulk;

// Plain values for the set-based paths (timer batches, plan import): no change tracking, no per-row objects kept
// beyond the batch that writes them.

/// <summary>A due timer as the batch claims it.</summary>
public readonly record struct DueTimer(long Id, long? AssignmentId, string Name, string Kind, string Chain, string? Period, long DueAt)
{
    /// <summary>A row of <c>SELECT id, assignment_id, name, kind, chain, period, due_at</c>, as both stores claim it.</summary>
    public static DueTimer Read(System.Data.Common.DbDataReader reader) =>
        new(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6));
}

/// <summary>What a timer needs to know of its assignment.</summary>
public sealed record AssignmentSnapshot(long Id, long TaskId, long UnitId, string? DefinitionId, int DefinitionVersion, string? State,
    DateOnly? DueDate, bool PastDue, int MissedReports, int Version)
{
    /// <summary>Reads the current row of a query selecting the columns in the order of the record.</summary>
    public static AssignmentSnapshot Read(System.Data.Common.DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
            reader.GetBoolean(7), reader.GetInt32(8), reader.GetInt32(9));
}

/// <summary>A new state for an assignment, written only if its version is still <paramref name="Version"/> (what the
/// batch read); <paramref name="NewVersion"/> counts every change the batch made to it.</summary>
public readonly record struct AssignmentUpdate(long Id, string State, bool PastDue, int MissedReports, int Version, int NewVersion);

public readonly record struct TimerStatusUpdate(long Id, int Status);

public readonly record struct NewTimer(long? AssignmentId, string Name, string Kind, string Chain, string? Period, long DueAt);

public readonly record struct NewJournal(long? AssignmentId, long At, string Actor, string Event, string? FromState, string? ToState, string? Data, long? TimerId);

/// <param name="Escalation">The escalation the row announces, as its place in the batch's <see cref="TimerBatchWrites.Escalations"/>:
/// the store writes its id into the row once the escalations have theirs.</param>
public readonly record struct NewOutbox(string Key, string Kind, long? AssignmentId, long? UnitId, long CreatedAt, string? Payload, int? Escalation = null);

public readonly record struct NewEscalation(long AssignmentId, string Step, long RaisedAt, string Status);

/// <summary>A unit of the directory inserted by the plan import.</summary>
public readonly record struct NewUnit(string Name, string? FullName, string Kind, string Email, bool InRegionsRule);

/// <summary>Which unit a unit belongs to (a 县区 to its 市州), as the plan import sets it.</summary>
public readonly record struct UnitParent(long UnitId, long? ParentId);

/// <summary>An assignment inserted with its workflow already started (the plan import).</summary>
public readonly record struct NewAssignment(long TaskId, long UnitId, string Role, string DefinitionId, int DefinitionVersion, string State,
    DateOnly? DueDate, long StartedAt, long? ParentId);

/// <summary>Everything one batch of timers writes, in the order it happened.</summary>
public sealed class TimerBatchWrites
{
    public long FiredAt { get; init; }
    public List<TimerStatusUpdate> Timers { get; } = [];
    public List<AssignmentUpdate> Assignments { get; } = [];
    public List<NewJournal> Journal { get; } = [];
    public List<NewEscalation> Escalations { get; } = [];
    public List<NewOutbox> Outbox { get; } = [];
    public List<NewTimer> NewTimers { get; } = [];
    public List<(string Month, long AssembledAt, string Content)> Briefings { get; } = [];

    /// <summary>How much has been written so far, to take back one timer's share if deciding it throws half-way.</summary>
    public readonly record struct Mark(int Timers, int Journal, int Escalations, int Outbox, int NewTimers, int Briefings);

    public Mark Here() => new(Timers.Count, Journal.Count, Escalations.Count, Outbox.Count, NewTimers.Count, Briefings.Count);

    public void TakeBack(Mark mark)
    {
        Timers.RemoveRange(mark.Timers, Timers.Count - mark.Timers);
        Journal.RemoveRange(mark.Journal, Journal.Count - mark.Journal);
        Escalations.RemoveRange(mark.Escalations, Escalations.Count - mark.Escalations);
        Outbox.RemoveRange(mark.Outbox, Outbox.Count - mark.Outbox);
        NewTimers.RemoveRange(mark.NewTimers, NewTimers.Count - mark.NewTimers);
        Briefings.RemoveRange(mark.Briefings, Briefings.Count - mark.Briefings);
    }
}
