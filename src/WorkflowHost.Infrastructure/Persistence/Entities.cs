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
    /// <summary>The unit this one belongs to (兰州市 for 城关区): it may hand its work down here.</summary>
    public long? ParentId { get; set; }
}

/// <summary>One task carried by one unit: the unit of work, and of workflow.</summary>
public sealed class AssignmentRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public long UnitId { get; set; }
    /// <summary>Why the unit carries the task: lead, owner (named), group (member of a named group) or region (task 5's rule).</summary>
    public required string Role { get; set; }
    /// <summary>The share this one reports to: the lead's assignment of the same task for a co-unit, the city's for work
    /// it handed down. Its unit reviews this one; null means the working group does.</summary>
    public long? ParentId { get; set; }

    // The assignment's workflow instance. An instance keeps the definition version it started with.
    public string? DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public string? State { get; set; }
    /// <summary>The current due date: the task's, or a later one granted by an extension.</summary>
    public DateOnly? DueDate { get; set; }
    public bool PastDue { get; set; }
    /// <summary>Consecutive report periods missed; reset by a report.</summary>
    public int MissedReports { get; set; }
    /// <summary>Its escalations that are open (issued or awaiting the working group's approval): the board's light needs
    /// it per row. Kept by the database's triggers on <c>escalations</c> (see <see cref="BoardCountRow"/>), so every
    /// writer — the engine's bulk statements, commands, set-based updates — keeps it right; the application never
    /// writes it after the insert.</summary>
    public int OpenEscalations { get; set; }
    /// <summary>Bumped by every change, so two concurrent commands cannot both win.</summary>
    public int Version { get; set; }
    public long? StartedAt { get; set; }
    public long? ClosedAt { get; set; }
}

/// <summary>Timer states, stored as small integers because the due-timer index is the hottest in the database.</summary>
public static class TimerStatus
{
    public const int Pending = 0;
    public const int Fired = 1;
    public const int Skipped = 2;
    public const int Cancelled = 3;
    /// <summary>Set aside: its handling threw. It waits in <see cref="IncidentRow"/> for a retry, so it is never
    /// claimed with the others again and cannot block them.</summary>
    public const int Held = 4;
}

/// <summary>
/// A timer whose handling failed (a bug, a damaged row, a value no code expected), set aside so every other timer
/// goes on. One row per timer: the first and the last failure, how often it was tried, the last error, and when the
/// engine tries it again (null: attempts exhausted, waits for an operator). Resolved when a retry fires it or an
/// operator gives it up.
/// </summary>
public sealed class IncidentRow
{
    public long Id { get; set; }
    public long TimerId { get; set; }
    public long? AssignmentId { get; set; }
    /// <summary>The step, as the engine's events name it (<c>reminder</c>, <c>report-reminder</c>, <c>briefing</c>…).</summary>
    public required string Step { get; set; }
    public required string Error { get; set; }
    /// <summary>Engine-clock Unix ms of the first and the latest failure.</summary>
    public long FirstFailedAt { get; set; }
    public long LastFailedAt { get; set; }
    public int Attempts { get; set; }
    public long? NextRetryAt { get; set; }
    public required string Status { get; set; }
    public long? ResolvedAt { get; set; }
    /// <summary>Who resolved it: the engine (a retry fired the timer) or the operator who gave it up.</summary>
    public string? ResolvedBy { get; set; }
}

public static class IncidentStatus
{
    public const string Open = "open";
    public const string Resolved = "resolved";
}

/// <summary>A durable timer: the source of truth for what is due when. Quartz only wakes the engine.</summary>
public sealed class TimerRow
{
    public long Id { get; set; }
    /// <summary>Null for engine-wide timers (the monthly briefing).</summary>
    public long? AssignmentId { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string Chain { get; set; }
    public string? Period { get; set; }
    /// <summary>Unix milliseconds, UTC: compares and sorts the same on every provider.</summary>
    public long DueAt { get; set; }
    public int Status { get; set; }
    public long? FiredAt { get; set; }
}

/// <summary>Every transition and event, with time, actor and reason. Append-only.</summary>
public sealed class JournalRow
{
    public long Id { get; set; }
    public long? AssignmentId { get; set; }
    public long At { get; set; }
    public required string Actor { get; set; }
    public required string Event { get; set; }
    public string? FromState { get; set; }
    public string? ToState { get; set; }
    public string? Reason { get; set; }
    public string? Data { get; set; }
    /// <summary>The timer that caused it, if any; with <see cref="Event"/> unique, so a timer's effects land once.</summary>
    public long? TimerId { get; set; }
}

/// <summary>A notification decided by the engine, written in the same transaction as the change that caused it.</summary>
public sealed class OutboxRow
{
    public long Id { get; set; }
    /// <summary>Unique: the same notification is never queued twice.</summary>
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public long? AssignmentId { get; set; }
    /// <summary>The recipient unit; null means the working group.</summary>
    public long? UnitId { get; set; }
    public long CreatedAt { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public long? SentAt { get; set; }
    public string? Payload { get; set; }
    /// <summary>Unix ms before which the dispatcher leaves the row alone (retry backoff); null means at once.</summary>
    public long? NextAttemptAt { get; set; }
    /// <summary>For a row folded into a daily digest (status "digested"): the digest row's key.</summary>
    public string? DigestKey { get; set; }
    /// <summary>The escalation the row announces (函告, 通报 …), written with it; null for other rows and rows written
    /// before it was kept.</summary>
    public long? EscalationId { get; set; }
}

/// <summary>The life of an escalation: issued (reached the unit), awaiting the working group's approval, withdrawn
/// (the assignment closed before approval), struck from its proposal by the working group, or refused with it.</summary>
public static class EscalationStatuses
{
    public const string Issued = "issued";
    public const string AwaitingApproval = "awaiting-approval";
    public const string Withdrawn = "withdrawn";
    public const string Struck = "struck";
    public const string Refused = "refused";
}

/// <summary>The life of a proposal: awaiting the working group, issued as one document, refused with a reason, or
/// withdrawn (every unit in it closed its task first).</summary>
public static class ProposalStatuses
{
    public const string Awaiting = "awaiting";
    public const string Issued = "issued";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";
}

/// <summary>
/// A 通报, 约谈 or 曝光 as the working group decides it: one per task, step, issuer and day, naming every unit whose
/// escalation of that step was raised that day (<see cref="Escalations.ProposalGatherer"/>). Units can be struck from it;
/// approved, it is issued whole as one document with one number; refused, none of it goes out.
/// </summary>
public sealed class EscalationProposalRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public required string Step { get; set; }
    /// <summary>The parent share whose unit issues it (兰州市 for its 县区); null: the office.</summary>
    public long? IssuingParentId { get; set; }
    /// <summary>The China date its escalations were raised on, yyyy-MM-dd.</summary>
    public required string Day { get; set; }
    public required string Status { get; set; }
    public long CreatedAt { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAt { get; set; }
    /// <summary>Why the working group refused it.</summary>
    public string? Reason { get; set; }
    /// <summary>Its entry in the register once issued.</summary>
    public long? DocumentId { get; set; }
}

/// <summary>A 函告/通报/约谈/曝光 raised against an assignment, and whether it has gone out.</summary>
public sealed class EscalationRow
{
    public long Id { get; set; }
    public long AssignmentId { get; set; }
    public required string Step { get; set; }
    public long RaisedAt { get; set; }
    /// <summary><see cref="EscalationStatuses"/>.</summary>
    public required string Status { get; set; }
    /// <summary>The proposal it stands in, for a step the working group approves; null until gathered, and for steps
    /// issued at once.</summary>
    public long? ProposalId { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAt { get; set; }
    /// <summary>Its entry in the register (发文登记) once issued; null while a draft (送审稿) or withdrawn.</summary>
    public long? DocumentId { get; set; }
}

/// <summary>
/// 发文登记: one issued document with its number. Each kind has its own series per year and issuing office
/// (甘安委办督函〔2024〕1号, 2号 …; 通报, 约谈通知, 简报期号 apart), taken when the document is issued: never reused, no gaps
/// (<see cref="Documents.DocumentRegister"/>). Rows are never changed or deleted.
/// </summary>
public sealed class DocumentRow
{
    public long Id { get; set; }
    /// <summary><see cref="Documents.DocumentKinds"/>: letter, circular, summons, exposure, briefing.</summary>
    public required string Kind { get; set; }
    public int Year { get; set; }
    /// <summary>发文机关: the office, or the unit that handed the work down (兰州市).</summary>
    public required string Issuer { get; set; }
    /// <summary>Its place in the series of (kind, year, issuer), from 1.</summary>
    public int Seq { get; set; }
    /// <summary>发文字号 as issued (甘安委办督函〔2024〕1号; 第1期 for a briefing), kept as printed even if the 代字 changes later.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    /// <summary>主送: the units it is addressed to, as printed.</summary>
    public required string Recipients { get; set; }
    /// <summary>The assignments it concerns, as a JSON array of ids (empty for a briefing).</summary>
    public required string AssignmentIds { get; set; }
    public long IssuedAt { get; set; }
    /// <summary>Who approved it, for the kinds that wait for the working group's approval.</summary>
    public string? ApprovedBy { get; set; }
}

/// <summary>
/// What a unit's clerk (联络员) prepared (拟稿) to send out of the unit — a report, an application, an extension request,
/// a decision on a child's share — waiting for the unit leader's 签发. Nothing of it reaches the workflow before that;
/// signed, it runs as the leader's command with the clerk recorded as its preparer; refused, it goes back with a reason.
/// </summary>
public sealed class SignOffRow
{
    public long Id { get; set; }
    /// <summary>The assignment the command acts on (the child's, for a decision on a child).</summary>
    public long AssignmentId { get; set; }
    /// <summary>The unit sending it, whose leader signs: the assignment's unit, or the parent's for a decision.</summary>
    public long UnitId { get; set; }
    /// <summary>The trigger it fires when signed (<c>report</c> for a progress report).</summary>
    public required string Action { get; set; }
    /// <summary>The command's input as JSON (text, figures, note, date, reason).</summary>
    public required string Payload { get; set; }
    public required string PreparedBy { get; set; }
    public long PreparedAt { get; set; }
    /// <summary><see cref="SignOffStatus"/>.</summary>
    public required string Status { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAt { get; set; }
    /// <summary>Why the leader sent it back, or why the workflow refused it once signed.</summary>
    public string? Reason { get; set; }
}

public static class SignOffStatus
{
    public const string Pending = "pending";
    public const string Signed = "signed";
    public const string Refused = "refused";
    /// <summary>Signed, but the workflow no longer allowed it (the state moved on meanwhile): back to the clerk.</summary>
    public const string Failed = "failed";
    /// <summary>Taken back by the unit's clerk before the leader decided it (撤回草稿).</summary>
    public const string Withdrawn = "withdrawn";
    /// <summary>A report typed on the unit's monthly report page (一次报送本期进展) and saved, not yet sent: kept per
    /// assignment and period until the unit sends it. Nobody signs it; sent by a clerk, it becomes a pending draft.</summary>
    public const string Draft = "draft";
}

/// <summary>A periodic progress report (报送).</summary>
public sealed class ReportRow
{
    public long Id { get; set; }
    public long AssignmentId { get; set; }
    public required string Period { get; set; }
    public long SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }
    public required string Text { get; set; }
    /// <summary>Figures as JSON, e.g. {"培训人数": 120}.</summary>
    public string? Figures { get; set; }
}

/// <summary>The virtual clock's anchor, so a restart continues the virtual time instead of going back to its start.</summary>
public sealed class ClockRow
{
    public int Id { get; set; }
    public long VirtualAt { get; set; }
    public long RealAt { get; set; }
}

/// <summary>A monthly briefing (简报): the month's reports assembled by action, as JSON the documents render.</summary>
public sealed class BriefingRow
{
    public long Id { get; set; }
    /// <summary>yyyy-MM: the month the briefing covers.</summary>
    public required string Month { get; set; }
    public long AssembledAt { get; set; }
    public required string Content { get; set; }
    /// <summary>Its entry in the register (期号) once issued; a draft until then.</summary>
    public long? DocumentId { get; set; }
    /// <summary>The summary paragraph as the working group rewrote it before issuing; null: the one composed from the figures.</summary>
    public string? Summary { get; set; }
}
