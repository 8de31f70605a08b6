using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>The next thing the unit must do, in one line, so no assignment page is a dead end.</summary>
public static class NextStep
{
    /// <param name="parentReviews">A share below another unit's: its parent's unit decides, not the working group.</param>
    public static string ForUnit(StateRole role, bool ongoing, bool pastDue, int missedReports, bool reportedThisPeriod, bool returned = false,
        bool parentReviews = false) => role switch
    {
        _ when returned => "办结申请已被退回:按退回意见整改、补充佐证后重新申请办结",
        StateRole.Closed => "已销号,无需操作",
        StateRole.CompletionReview => parentReviews ? "等待上级单位确认办结申请" : "等待专班审核办结申请",
        StateRole.ExtensionReview => parentReviews ? "等待上级单位审批延期申请" : "等待专班审批延期申请",
        StateRole.Overdue => "已逾期:尽快完成并申请办结,或申请延期",
        _ when missedReports > 0 => $"已连续 {missedReports} 期未报送:请立即报送进展",
        _ when !reportedThisPeriod => "报送本期进展",
        _ when ongoing => "本期已报送,按期继续报送",
        _ when pastDue => "已逾期:尽快完成并申请办结",
        _ => "本期已报送;完成后申请办结",
    };

    public static string ForWorkingGroup(StateRole role, int awaitingEscalations) => role switch
    {
        StateRole.CompletionReview => "审核办结申请(销号或退回)",
        StateRole.ExtensionReview => "审批延期申请",
        _ when awaitingEscalations > 0 => "批准督办措施",
        StateRole.Closed => "已销号",
        _ => "跟踪进展",
    };
}
