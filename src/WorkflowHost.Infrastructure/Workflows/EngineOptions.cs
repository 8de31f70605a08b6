namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>Section <c>WorkflowHost:Engine</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>Timers processed per transaction: large enough to be fast, small enough that a storm never holds the
    /// database for more than a moment.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Circulars and summons normally wait for the working group's approval; true sends them at once.</summary>
    public bool AutoApproveEscalations { get; set; }

    /// <summary>How often Quartz wakes the engine even when no timer is known to be due (a safety net).</summary>
    public int PollSeconds { get; set; } = 30;
}
