using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// What a unit's daily digest spells out: every kind of item counted, but only the few that most need the unit's
/// action written in full — the rest are on the unit's list, one link away. A department carries ~40 tasks; listing
/// each in full every working day (兰州市: 38 tasks, ~6,200 characters on a report day) buried the one that mattered.
/// </summary>
public static class DigestPriority
{
    /// <summary>How many items a unit's digest writes out in full.</summary>
    public const int Shown = 5;

    /// <summary>The kinds of a unit's digest in the order its counts are read, with what each is called.</summary>
    public static readonly IReadOnlyList<(string Section, string Title)> Sections =
    [
        (DigestSections.Overdue, "已逾期"),
        (DigestSections.Decision, "审核结果"),
        (DigestSections.Confirm, "待确认"),
        (DigestSections.DueSoon, "即将到期"),
        (DigestSections.Report, "待报送进展"),
        (DigestSections.LateBelow, "下级单位逾期"),
        (DigestSections.Other, "其他事项"),
    ];

    /// <summary>The <see cref="Shown"/> items that most need action: an application sent back first (the unit must
    /// rework it), then what is late, what others wait on the unit for (or no longer: 撤回), a refused extension, the nearest deadlines,
    /// lapsed and due reports; news that asks nothing (销号, 批准延期) last. Within a rank, the nearest deadline first.</summary>
    public static IReadOnlyList<DigestItem> MostPressing(IEnumerable<DigestItem> items) =>
        items.OrderBy(RankOf).ThenBy(i => i.DueDate ?? DateOnly.MaxValue).ThenBy(i => i.TaskNo).Take(Shown).ToList();

    private static int RankOf(DigestItem item) => (item.Section, item.Kind) switch
    {
        (DigestSections.Decision, EngineEvents.Rejected) => 0,
        (DigestSections.Overdue, _) => 1,
        (DigestSections.Confirm, _) => 2,
        // A share below took its application back: what the unit was to decide is gone, which it must know.
        (DigestSections.Other, EngineEvents.Withdrawn) => 2,
        (DigestSections.Decision, EngineEvents.ExtensionRefused) => 3,
        (DigestSections.DueSoon, _) => 4,
        (DigestSections.Report, EngineEvents.ReportMissed) => 5,
        (DigestSections.Report, EngineEvents.ReportDue) => 6,
        (DigestSections.LateBelow, _) => 7,
        (DigestSections.Report, _) => 8,
        (DigestSections.Decision, _) => 9,
        _ => 10,
    };
}
