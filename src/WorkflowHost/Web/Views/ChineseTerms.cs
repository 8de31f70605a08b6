using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Web.Views;

/// <summary>The Chinese words pages use for the engine's vocabulary.</summary>
public static class ChineseTerms
{
    public static string Event(string name) => name switch
    {
        EngineEvents.Started => "启动督办",
        EngineEvents.Reminder => "到期提醒",
        EngineEvents.Overdue => "逾期",
        EngineEvents.Letter => "函告(督办函)",
        EngineEvents.Circular => "通报",
        EngineEvents.Summons => "约谈",
        EngineEvents.Exposure => "曝光",
        EngineEvents.EscalationApproved => "批准督办措施",
        EngineEvents.ReportReminder => "报送提醒",
        EngineEvents.ReportDue => "报送到期",
        EngineEvents.ReportMissed => "未按期报送(催报)",
        EngineEvents.ReportSubmitted => "报送进展",
        EngineEvents.YearEndSummary => "年度总结",
        EngineEvents.Applied => "申请办结",
        EngineEvents.Closed => "审核通过,销号",
        EngineEvents.Rejected => "退回",
        EngineEvents.ExtensionRequested => "申请延期",
        EngineEvents.Extended => "批准延期",
        EngineEvents.ExtensionRefused => "不予延期",
        EngineEvents.Briefing => "简报",
        _ => name,
    };

    public static string EscalationStep(string step) => step switch
    {
        "letter" => "函告",
        "circular" => "通报",
        "summons" => "约谈",
        "exposure" => "曝光",
        _ => step,
    };

    public static string EscalationStatus(string status) => status switch
    {
        "issued" => "已发出",
        "awaiting-approval" => "待专班批准",
        "withdrawn" => "已撤回",
        _ => status,
    };

    public static string AssignmentRole(string role) => role switch
    {
        "lead" => "牵头",
        "owner" => "分工负责",
        "group" => "负有监管职责",
        "region" => "属地落实",
        _ => role,
    };

    public static string Actor(string actor) => actor == Engine.Runtime.Actor.Engine.Name ? "系统" : actor;

    public static string FilePurpose(string purpose) => purpose switch
    {
        "report" => "进展佐证",
        "completion" => "办结佐证",
        "extension" => "延期依据",
        _ => purpose,
    };
}
