using WorkflowHost.Infrastructure.Input;

namespace WorkflowHost.Infrastructure.Escalations;

/// <summary>The limits of a decision on proposals, checked by the commands and, before them, by the page and the API.</summary>
public static class ProposalInput
{
    public static string? IdsProblem(IReadOnlyCollection<long>? ids) =>
        ids is null || ids.Count == 0 ? "请至少选择一项拟办督办措施 (choose at least one proposal)"
        : ids.Count > InputLimits.ProposalsPerDecision ? $"一次最多决定 {InputLimits.ProposalsPerDecision} 项拟办督办措施 (at most {InputLimits.ProposalsPerDecision} proposals at once, got {ids.Count})"
        : ids.Any(id => id <= 0) ? "拟办督办措施编号须为正整数 (proposal ids are positive)"
        : null;

    /// <summary>A refusal needs its reason, which the proposal keeps and the working group's colleagues read.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "不予印发须说明理由 (a reason is required to refuse)"
        : FreeText.Problem("理由", "reason", reason);

    public static string? StruckProblem(IReadOnlyCollection<long>? escalationIds) =>
        escalationIds is null || escalationIds.Count == 0 ? "请选择要移出名单的单位 (choose the units to strike)"
        : escalationIds.Count > InputLimits.StruckPerDecision ? $"一次最多移出 {InputLimits.StruckPerDecision} 个单位 (at most {InputLimits.StruckPerDecision} units at once)"
        : escalationIds.Any(id => id <= 0) ? "单位的督办记录编号须为正整数 (escalation ids are positive)"
        : null;
}
