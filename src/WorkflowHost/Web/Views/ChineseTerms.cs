using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Escalations;

namespace WorkflowHost.Web.Views;

/// <summary>The Chinese words pages use for the engine's vocabulary.</summary>
public static class ChineseTerms
{
    public static string Event(string name) => EngineEvents.TitleOf(name);

    public static string MailKind(string kind) => Infrastructure.Mail.OutboxKinds.TitleOf(kind);

    public static string EscalationStep(string step) => EscalationSteps.TitleOf(step);

    public static string EscalationStatus(string status) => ProposalTerms.EscalationStatusTitle(status);

    /// <summary>A role's general title from its wire name. Lists and pages show <see cref="AssignmentSummary.RoleTitle"/>,
    /// which also reads how the task's plan names the unit (成员单位, 负有安全监管职责的部门; 牵头 for the one unit named).</summary>
    public static string AssignmentRole(string role) =>
        AssignmentRoleNames.FromWireName(role) is { } known ? AssignmentRoleTitles.Of(known) : role;

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
