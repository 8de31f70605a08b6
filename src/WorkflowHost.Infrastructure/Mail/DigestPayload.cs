using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// What a daily digest lists, frozen when the digest row is written at 09:00: a resend (after a crash or a retry)
/// says exactly what the first attempt said, whatever has changed since.
/// </summary>
/// <param name="ComposedAt">When it was written: what it says stands as of then (a digest written late, after the host
/// was down, says so rather than claiming 9:00 of its day). Absent in digests written before it was kept.</param>
public sealed record DigestPayload(DateOnly Day, long? UnitId, IReadOnlyList<DigestItem> Items, int FailedMail = 0, int OpenIncidents = 0,
    DateTimeOffset? ComposedAt = null);

/// <summary>One line of a digest. <see cref="Section"/> is one of <see cref="DigestSections"/>. <see cref="Content"/> is the
/// task's words as the line shows them (<see cref="Line"/>), not its whole text.</summary>
public sealed record DigestItem(
    string Section,
    string Kind,
    long? AssignmentId,
    int TaskNo,
    string Content,
    string DeadlineText,
    DateOnly? DueDate,
    string? Unit = null,
    string? Period = null,
    string? Reason = null,
    long? EscalationId = null,
    string? Step = null,
    DateOnly? RequestedDate = null)
{
    /// <summary>A task's words cut to a line: a digest names the task, its page has the rest. Kept so in the payload too:
    /// a national morning's digests list about two hundred thousand lines, and whole texts made them ~140 MB.</summary>
    public static string Line(string content) => content.Length <= 60 ? content : content[..60] + "…";
}

public static class DigestSections
{
    // A unit's digest.
    public const string DueSoon = "due-soon";
    public const string Overdue = "overdue";
    public const string Report = "report";
    public const string Decision = "decision";
    public const string Other = "other";
    /// <summary>待确认: a share below this unit (a co-unit's, a 县区's) applied to close or asked for more time.</summary>
    public const string Confirm = "confirm";
    /// <summary>下级单位逾期: shares below this unit past their deadline, as they stand at digest time.</summary>
    public const string LateBelow = "late-below";

    // The working group's digest (Overdue is shared).
    public const string Review = "review";
    public const string Approval = "approval";

    /// <summary>The section a queued notification of this kind belongs to in its unit's digest.</summary>
    public static string ForUnitKind(string kind) => kind switch
    {
        EngineEvents.Reminder => DueSoon,
        EngineEvents.Overdue => Overdue,
        EngineEvents.ReportReminder or EngineEvents.ReportDue or EngineEvents.ReportMissed => Report,
        EngineEvents.Closed or EngineEvents.Rejected or EngineEvents.Extended or EngineEvents.ExtensionRefused => Decision,
        // An application reaches a unit's digest only as the reviewer of a share below it.
        EngineEvents.Applied or EngineEvents.ExtensionRequested => Confirm,
        _ => Other,
    };
}
