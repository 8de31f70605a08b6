namespace WorkflowHost.Infrastructure.Mail;

/// <summary>The life of an outbox row. A pending row with <c>LastError</c> set is being retried.</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Dead-lettered: refused by the server, or out of attempts. Shown to the working group; retried by hand.</summary>
    public const string Failed = "failed";
    /// <summary>Folded into a daily digest, which is what gets sent.</summary>
    public const string Digested = "digested";
    /// <summary>A task's 函告, gathered into its unit's 督办函 of the day (<see cref="LetterBundler"/>), which is what gets sent.</summary>
    public const string Bundled = "bundled";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Failed, Digested, Bundled];
}

/// <summary>Which outbox kinds are mailed on their own, at once, and which wait for the daily digest.</summary>
public static class OutboxKinds
{
    /// <summary>A row that is itself a daily digest (written by <see cref="DailyDigestComposer"/>).</summary>
    public const string Digest = "digest";

    public const string Briefing = "briefing";

    /// <summary>A proposed escalation step waiting for the working group's approval: the working group's own notice.</summary>
    public const string EscalationAwaitingApproval = "escalation-awaiting-approval";

    /// <summary>What the mail page calls a kind: the digest and the approval notice by name, every other kind is an event.</summary>
    public static string TitleOf(string kind) => kind switch
    {
        Digest => "每日提醒汇总",
        EscalationAwaitingApproval => "督办措施待批准",
        _ => Engine.Runtime.EngineEvents.TitleOf(kind),
    };

    /// <summary>A parent unit's 催办 of a child (<see cref="Engine.Runtime.EngineEvents.Urged"/>): mailed at once.</summary>
    public const string Urged = Engine.Runtime.EngineEvents.Urged;

    /// <summary>Escalation steps that reached the unit (issued, or approved): each is its own email with its document.</summary>
    public static readonly IReadOnlyList<string> Escalations = ["letter", "circular", "summons", "exposure"];

    /// <summary>Mailed on their own; everything else goes into the recipient's next digest.</summary>
    public static readonly IReadOnlyList<string> Immediate = [Digest, Briefing, Urged, .. Escalations];
}
