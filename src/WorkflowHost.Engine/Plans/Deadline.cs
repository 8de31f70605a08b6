namespace WorkflowHost.Engine.Plans;

/// <summary>Whether a task has a date it must be finished by, or is carried out continuously (长期坚持).</summary>
public enum DeadlineKind
{
    Due,
    Ongoing,
}

/// <summary>How often something recurs (每月 / 每季度 / 每半年 / 每年).</summary>
public enum Cadence
{
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>
/// A deadline as written in the plan and what it means for the plan's year.
/// <paramref name="Date"/> is the last day on which the work may be done (inclusive), in China local time.
/// <paramref name="TimesPerPeriod"/> is the 「至少N次」 of a cadence expression, when given.
/// </summary>
public sealed record Deadline(string Text, DeadlineKind Kind, DateOnly? Date, Cadence? Cadence, int? TimesPerPeriod = null)
{
    // Null when there are none, so a deadline with one date equals another one with the same date (records compare
    // lists by reference).
    private readonly IReadOnlyList<DateOnly>? interim;

    /// <summary>The dated steps before <see cref="Date"/> (「6月底和年底前」: 30 June), in order; empty for most tasks.</summary>
    public IReadOnlyList<DateOnly> InterimMilestones
    {
        get => interim ?? [];
        init => interim = value.Count == 0 ? null : value.ToArray();
    }

    /// <summary>Every dated step of a due deadline, in order; the last is <see cref="Date"/>. Empty when ongoing.</summary>
    public IReadOnlyList<DateOnly> Milestones => Date is { } date ? [.. InterimMilestones, date] : [];

    /// <summary>The day of the month of a monthly cadence written with one (「每月25日前报送」); null otherwise.</summary>
    public int? DayOfMonth { get; init; }
}

public static class CadenceNames
{
    /// <summary>The stable wire name used in JSON and CLI output.</summary>
    public static string ToWireName(this Cadence cadence) => cadence switch
    {
        Cadence.Monthly => "monthly",
        Cadence.Quarterly => "quarterly",
        Cadence.HalfYearly => "half-yearly",
        Cadence.Yearly => "yearly",
        _ => throw new ArgumentOutOfRangeException(nameof(cadence)),
    };

    /// <summary>What people call the cadence: 每月, 每季度, 每半年, 每年.</summary>
    public static string Title(this Cadence cadence) => cadence switch
    {
        Cadence.Monthly => "每月",
        Cadence.Quarterly => "每季度",
        Cadence.HalfYearly => "每半年",
        Cadence.Yearly => "每年",
        _ => throw new ArgumentOutOfRangeException(nameof(cadence)),
    };

    /// <summary><see cref="Title"/> of a wire name; 「按计划」 when none is set.</summary>
    public static string TitleOfWireName(string? name) => FromWireName(name)?.Title() ?? "按计划";

    public static Cadence? FromWireName(string? name) => name switch
    {
        null or "" => null,
        "monthly" => Cadence.Monthly,
        "quarterly" => Cadence.Quarterly,
        "half-yearly" => Cadence.HalfYearly,
        "yearly" => Cadence.Yearly,
        _ => throw new PlanFormatException($"没有「{name}」这种报送周期(可用 monthly、quarterly、half-yearly、yearly,即每月、每季度、每半年、每年)"),
    };
}
