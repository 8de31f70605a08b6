namespace WorkflowHost.Infrastructure.Clock;

public enum ClockMode
{
    Real,
    Virtual,
}

/// <summary>Section <c>WorkflowHost:Clock</c>. The newcomer's default is a virtual clock starting when the 2024 plan
/// was issued, so the plan's deadlines are ahead and meaningful; production uses the real clock.</summary>
public sealed class ClockOptions
{
    public ClockMode Mode { get; set; } = ClockMode.Virtual;

    /// <summary>Where a virtual clock starts (the first time; afterwards it continues from where it was).</summary>
    public DateTimeOffset Start { get; set; } = new(2024, 2, 25, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Virtual seconds per real second.</summary>
    public double Speed { get; set; } = 1;
}
