using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Escalations;

namespace WorkflowHost.Web.Views;

/// <summary>The Chinese words pages use for the engine's vocabulary.</summary>
public static class ChineseTerms
{
    public static string Event(string name) => EngineEvents.TitleOf(name);

    public static string EscalationStep(string step) => EscalationSteps.TitleOf(step);

    public static string EscalationStatus(string status) => ProposalTerms.EscalationStatusTitle(status);

    public static string AssignmentRole(string role) => role switch
    {
        "lead" => "牵头",
        "owner" => "分工负责",
        "group" => "负有监管职责",
        "region" => "属地落实",
        _ => role,
    };

    public static string FilePurpose(string purpose) => purpose switch
    {
        "report" => "进展佐证",
        "completion" => "办结佐证",
        "extension" => "延期依据",
        _ => purpose,
    };

    /// <summary>The rankings of 晾晒 (<see cref="Ranking.Groups"/>): the levels the offices compare apart.</summary>
    public static string RankingGroup(string group) => group switch
    {
        Ranking.Province => "省直部门(单位)",
        Ranking.Regions => "市州",
        Ranking.Counties => "县区(市州下达)",
        _ => group,
    };
}
