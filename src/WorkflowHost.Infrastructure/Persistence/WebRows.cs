namespace WorkflowHost.Infrastructure.Persistence;

/// <summary>An uploaded evidence file (佐证材料). The bytes live under the data folder, named by <see cref="StoredName"/>
/// (never the uploader's file name).</summary>
public sealed class EvidenceFileRow
{
    public long Id { get; set; }
    public long AssignmentId { get; set; }
    /// <summary>The unit that owns the assignment: the file is that unit's, checked on every download.</summary>
    public long UnitId { get; set; }
    /// <summary>report, completion or extension: what the file was sent with.</summary>
    public required string Purpose { get; set; }
    /// <summary>The uploader's file name, cleaned of paths and control characters; shown, never used as a path.</summary>
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoredName { get; set; }
    public long UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>Who did what, when and from where, including refused attempts and sign-ins. Append-only. The engine's
/// <see cref="JournalRow"/> keeps the assignment's history; this keeps the people's.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public long At { get; set; }
    public required string User { get; set; }
    public string? Role { get; set; }
    public long? UnitId { get; set; }
    /// <summary>e.g. report, apply, approve, download-file, sign-in.</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to: assignment:12, file:3, escalation:7.</summary>
    public string? Target { get; set; }
    /// <summary>done, refused or failed.</summary>
    public required string Outcome { get; set; }
    public string? Detail { get; set; }
    public string? RemoteAddress { get; set; }
    /// <summary>The hash of the entry before this one (all zeros for the first): the log is a hash chain.</summary>
    public string? PreviousHash { get; set; }
    /// <summary>SHA-256 of this entry's content and <see cref="PreviousHash"/>, lower-case hex.</summary>
    public string? Hash { get; set; }
}
