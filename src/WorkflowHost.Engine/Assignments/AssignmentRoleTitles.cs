using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Assignments;

/// <summary>
/// What the office calls a unit's part in a task, in the plan's own words: 牵头, 分工负责, 成员单位, 负有安全监管职责的部门,
/// 属地落实. The stored role (<see cref="AssignmentRole"/>) is what the workflow needs (who confirms whom); the title also
/// needs how the task's parenthesis named the unit: task 4's 「省安委会各有关成员单位分工负责」 makes its units 成员单位,
/// task 10's 「负有安全监管职责的部门分工负责」 makes them that group, and task 2's 「省安委会办公室」, the one unit named,
/// is the unit in charge of the whole task (牵头), not one sharing it (分工负责 with nobody to share with).
/// </summary>
public static class AssignmentRoleTitles
{
    public const string Lead = "牵头";
    public const string Share = "分工负责";
    public const string Regions = "属地落实";
    public const string HandedDown = "上级下达";

    // A group's members are called by the group's name as offices shorten it; a group not listed here (各有关部门) names no
    // standing body, so its members simply share the work (「各有关部门按职责分工负责」).
    private static readonly Dictionary<string, string> GroupTitles = new(StringComparer.Ordinal)
    {
        ["省安委会成员单位"] = "成员单位",
        ["负有安全监管职责的部门"] = "负有安全监管职责的部门",
    };

    /// <summary>The title without the task's words: what a role means wherever it stands.</summary>
    public static string Of(AssignmentRole role) => role switch
    {
        AssignmentRole.Lead => Lead,
        AssignmentRole.Owner or AssignmentRole.GroupMember => Share,
        AssignmentRole.Region => Regions,
        AssignmentRole.HandedDown => HandedDown,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The title from how <paramref name="named"/> (the task's parsed parenthesis) names <paramref name="unit"/>.</summary>
    public static string Of(AssignmentRole role, string unit, Responsibility named, UnitDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(directory);
        return role switch
        {
            AssignmentRole.Owner when named.Units.Count == 1 && named.Groups.Count == 0 && named.Units[0] == unit => Lead,
            AssignmentRole.GroupMember => named.Groups
                .Where(group => directory.MembersOf(group).Any(member => member.Name == unit))
                .Select(group => GroupTitles.GetValueOrDefault(group)).FirstOrDefault(title => title is not null) ?? Share,
            _ => Of(role),
        };
    }
}
