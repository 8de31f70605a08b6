namespace WorkflowHost.Web.Views;

/// <summary>The next thing the unit must do, in one line, so no assignment page is a dead end.</summary>
public static class NextStep
{
    public static string ForUnit(string state, bool pastDue, int missedReports, bool reportedThisPeriod) => state switch
    {
        "closed" => "已销号,无需操作",
        "completion-applied" => "等待专班审核办结申请",
        "extension-requested" => "等待专班审批延期申请",
        "overdue" => "已逾期:尽快完成并申请办结,或申请延期",
        _ when missedReports > 0 => $"已连续 {missedReports} 期未报送:请立即报送进展",
        _ when !reportedThisPeriod => "报送本期进展",
        "active" => "本期已报送,按期继续报送",
        _ when pastDue => "已逾期:尽快完成并申请办结",
        _ => "本期已报送;完成后申请办结",
    };

    public static string ForWorkingGroup(string state, int awaitingEscalations) => state switch
    {
        "completion-applied" => "审核办结申请(销号或退回)",
        "extension-requested" => "审批延期申请",
        _ when awaitingEscalations > 0 => "批准督办措施",
        "closed" => "已销号",
        _ => "跟踪进展",
    };
}
