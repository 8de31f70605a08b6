namespace WorkflowHost.Engine.Runtime;

/// <summary>The journal's event names: the stable vocabulary of <c>simulate --events</c> and the timeline.</summary>
public static class EngineEvents
{
    public const string Started = "started";
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";
    public const string Letter = "letter";
    public const string Circular = "circular";
    public const string Summons = "summons";
    public const string Exposure = "exposure";
    public const string EscalationApproved = "escalation-approved";
    public const string ReportReminder = "report-reminder";
    public const string ReportDue = "report-due";
    public const string ReportMissed = "report-missed";
    public const string ReportSubmitted = "report-submitted";
    public const string YearEndSummary = "year-end-summary";
    public const string Applied = "applied";
    public const string Closed = "closed";
    public const string Rejected = "rejected";
    public const string ExtensionRequested = "extension-requested";
    public const string Extended = "extended";
    public const string ExtensionRefused = "extension-refused";
    public const string Briefing = "briefing";
}

/// <summary>Who did something: a person with a role (and, for unit staff, their unit) or the engine itself.</summary>
public sealed record Actor(string Name, ActorRole Role, long? UnitId = null)
{
    public static readonly Actor Engine = new("engine", ActorRole.Engine);
}

public enum ActorRole
{
    Engine,
    UnitClerk,
    UnitLeader,
    WorkingGroup,
    Administrator,
}
