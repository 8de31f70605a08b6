using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Runtime;

/// <summary>The journal's event names: the stable vocabulary of <c>simulate --events</c> and the timeline.</summary>
public static class EngineEvents
{
    public const string Started = "started";
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";
    public const string Letter = EscalationSteps.Letter;
    public const string Circular = EscalationSteps.Circular;
    public const string Summons = EscalationSteps.Summons;
    public const string Exposure = EscalationSteps.Exposure;
    public const string EscalationApproved = "escalation-approved";
    /// <summary>The working group refused a proposal the unit stood in (不予印发); the working group's record only.</summary>
    public const string EscalationRefused = "escalation-refused";
    /// <summary>The working group struck the unit from a proposal; the working group's record only.</summary>
    public const string EscalationStruck = "escalation-struck";
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
    /// <summary>The unit took back its pending application or request (撤回) before it was decided.</summary>
    public const string Withdrawn = "withdrawn";
    /// <summary>A clerk took back a draft still waiting for the unit leader's 签发.</summary>
    public const string DraftWithdrawn = "draft-withdrawn";
    public const string Briefing = "briefing";
    /// <summary>A unit handed its share down to sub-units (下达): on the parent; each child starts with <see cref="Started"/>.</summary>
    public const string HandedDown = "handed-down";
    /// <summary>A parent unit pressed a child to act (催办).</summary>
    public const string Urged = "urged";
    /// <summary>The unit leader signed a clerk's draft (签发); the data names who prepared it (拟稿).</summary>
    public const string SignedOff = "signed-off";
    /// <summary>A clerk's draft went back from the unit leader (签发 refused).</summary>
    public const string SignOffRefused = "sign-off-refused";

    /// <summary>What each event is called in Chinese: the one table the timeline, the pages, the mails and the CLI use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        [Started] = "启动督办",
        [Reminder] = "到期提醒",
        [Overdue] = "逾期",
        [Letter] = EscalationSteps.TitleOf(EscalationSteps.Letter),
        [Circular] = EscalationSteps.TitleOf(EscalationSteps.Circular),
        [Summons] = EscalationSteps.TitleOf(EscalationSteps.Summons),
        [Exposure] = EscalationSteps.TitleOf(EscalationSteps.Exposure),
        [EscalationApproved] = "批准督办措施",
        [EscalationRefused] = "督办措施不予印发",
        [EscalationStruck] = "移出拟办名单",
        [ReportReminder] = "报送提醒",
        [ReportDue] = "报送到期",
        [ReportMissed] = "催报",
        [ReportSubmitted] = "报送进展",
        [YearEndSummary] = "年度总结",
        [Applied] = "申请办结",
        [Closed] = "审核通过,销号",
        [Rejected] = "退回",
        [ExtensionRequested] = "申请延期",
        [Extended] = "批准延期",
        [ExtensionRefused] = "不予延期",
        [Withdrawn] = "撤回申请",
        [DraftWithdrawn] = "撤回草稿",
        [Briefing] = "月度简报",
        [HandedDown] = "下达任务",
        [Urged] = "催办",
        [SignedOff] = "签发",
        [SignOffRefused] = "签发退回",
    };

    public static string TitleOf(string name) => Titles.GetValueOrDefault(name, name);
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
