namespace WorkflowHost.Infrastructure.Persistence;

// Rows, not domain objects: the engine's rules live in WorkflowHost.Engine; these only hold what is stored.

public sealed class PlanRow
{
    public long Id { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public required string Issuer { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string SourceHash { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public List<PlanTaskRow> Tasks { get; set; } = [];
}

public sealed class PlanTaskRow
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public int No { get; set; }
    public required string Content { get; set; }
    public string? Action { get; set; }
    public required string ResponsibilityText { get; set; }
    public required string DeadlineText { get; set; }
    /// <summary>"due" or "ongoing".</summary>
    public required string DeadlineKind { get; set; }
    public DateOnly? DueDate { get; set; }
    /// <summary>The cadence the deadline itself states (每季度至少1次), if any.</summary>
    public string? DeadlineCadence { get; set; }
    /// <summary>How often units report progress on this task.</summary>
    public required string ReportingCadence { get; set; }
    public bool Regions { get; set; }
}

public sealed class UnitRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? FullName { get; set; }
    public required string Kind { get; set; }
    public required string Email { get; set; }
    public bool InRegionsRule { get; set; }
}

/// <summary>One task carried by one unit: the unit of work, and of workflow.</summary>
public sealed class AssignmentRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public long UnitId { get; set; }
    /// <summary>Why the unit carries the task: lead, owner (named), group (member of a named group) or region (task 5's rule).</summary>
    public required string Role { get; set; }
}
