using WorkflowHost.Engine.Units;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>The plan's facts as <c>plan.json</c> holds them, typed in on the import review instead.</summary>
public sealed record ImportFacts(int Year, string Title, string Issuer, DateOnly IssuedOn, string? AnnexTitle, string? DefaultDeadline);

/// <summary>A unit the list names that the directory lacks, added on the review.</summary>
public sealed record ReviewNewUnit(string Name, string? FullName, UnitKind Kind, string Email);

/// <summary>
/// One upload under review: the list file itself (held here, in memory, never in the plan tables), its facts, and the
/// working group's decisions so far — which unknown name is which directory unit or group, which units to add, which
/// task's deadline to set. Nothing of it reaches the database or the directory until <see cref="ImportReviewer"/>
/// imports it; abandoning it (or a restart) loses only the review.
/// </summary>
public sealed class ImportReview(Guid id, string fileName, byte[] file, ImportFacts facts, DateTimeOffset startedAt)
{
    public Guid Id { get; } = id;
    public string FileName { get; } = fileName;
    public byte[] File { get; } = file;
    public ImportFacts Facts { get; } = facts;
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Unknown name → the directory unit or group it means (stored as that entry's alias on import).</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    public List<ReviewNewUnit> NewUnits { get; } = [];

    /// <summary>Task number → deadline text, for tasks whose list gives none (or one that is not understood).</summary>
    public Dictionary<int, string> Deadlines { get; } = [];
}
