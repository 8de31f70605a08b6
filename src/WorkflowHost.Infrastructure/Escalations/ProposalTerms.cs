using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Escalations;

/// <summary>What people call proposals and escalations in their states: the one table pages, refusals and the API use.</summary>
public static class ProposalTerms
{
    /// <summary>A proposal as the working group reads it in its queue: 拟通报, 拟约谈, 拟曝光.</summary>
    public static string Title(string step) => "拟" + EscalationSteps.TitleOf(step);

    public static string StatusTitle(string status) => status switch
    {
        ProposalStatuses.Awaiting => "待批准",
        ProposalStatuses.Issued => "已印发",
        ProposalStatuses.Refused => "不予印发",
        ProposalStatuses.Withdrawn => "已撤回(单位均已办结)",
        _ => status,
    };

    /// <summary>An escalation's state as its unit's row shows it.</summary>
    public static string EscalationStatusTitle(string status) => status switch
    {
        EscalationStatuses.Issued => "已发出",
        EscalationStatuses.AwaitingApproval => "待专班批准",
        EscalationStatuses.Withdrawn => "已撤回",
        EscalationStatuses.Struck => "已移出拟办名单",
        EscalationStatuses.Refused => "不予印发",
        _ => status,
    };
}
