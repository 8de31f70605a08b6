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

    /// <summary>Day of the following month on which a month's briefing (简报) is assembled (moved to the next working
    /// day when it is not one). 1–28, so every month has it.</summary>
    public int BriefingDay { get; set; } = 10;

    /// <summary>A month's 简报 is assembled as a draft for the working group to read, edit and issue (印发) on
    /// <c>/board/briefings</c>; true issues it as soon as it is assembled (the simulation does).</summary>
    public bool AutoIssueBriefings { get; set; }

    /// <summary>A timer whose handling throws is set aside as an incident and tried again this many times in all
    /// (backoff from <see cref="IncidentRetryBaseSeconds"/>, doubling, at most <see cref="IncidentRetryMaxSeconds"/>,
    /// on the engine's clock); then it waits for an operator (<c>incidents retry</c>).</summary>
    public int IncidentMaxAttempts { get; set; } = 5;
    public int IncidentRetryBaseSeconds { get; set; } = 60;
    public int IncidentRetryMaxSeconds { get; set; } = 3600;

    /// <summary>An extension may be asked for up to the end of this many years after the plan's year (a 2024 task: up
    /// to 2026-12-31), and never beyond the years the statutory calendar covers.</summary>
    public int ExtensionHorizonYears { get; set; } = 2;

    /// <summary>Problems with the options, for a clear message at startup.</summary>
    public IEnumerable<string> Problems()
    {
        if (BatchSize is < 1 or > 100_000) yield return $"WorkflowHost:Engine:BatchSize must be 1–100000, not {BatchSize}";
        if (PollSeconds < 1) yield return $"WorkflowHost:Engine:PollSeconds must be at least 1, not {PollSeconds}";
        if (IncidentMaxAttempts is < 1 or > 100) yield return $"WorkflowHost:Engine:IncidentMaxAttempts must be 1–100, not {IncidentMaxAttempts}";
        if (IncidentRetryBaseSeconds < 1 || IncidentRetryMaxSeconds < IncidentRetryBaseSeconds)
            yield return $"WorkflowHost:Engine:IncidentRetryBaseSeconds must be at least 1 and IncidentRetryMaxSeconds at least that, not {IncidentRetryBaseSeconds} and {IncidentRetryMaxSeconds}";
        if (ExtensionHorizonYears is < 0 or > 10) yield return $"WorkflowHost:Engine:ExtensionHorizonYears must be 0–10, not {ExtensionHorizonYears}";
        if (BriefingDay is < 1 or > 28) yield return $"WorkflowHost:Engine:BriefingDay must be 1–28, not {BriefingDay}";
    }
}
