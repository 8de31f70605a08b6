namespace WorkflowHost.Engine.Assignments;

/// <summary>Why a unit carries a task. When several apply, the first in this order is recorded.</summary>
public enum AssignmentRole
{
    /// <summary>Named as 牵头 / 分别牵头.</summary>
    Lead,
    /// <summary>Named as carrying a share (分工负责) or alone.</summary>
    Owner,
    /// <summary>A member of a named group (负有安全监管职责的部门 …).</summary>
    GroupMember,
    /// <summary>A 市州 or 兰州新区, by task 5's rule.</summary>
    Region,
    /// <summary>Handed down by the unit it belongs to (下达): a 县区's share of its city's task.</summary>
    HandedDown,
}

public static class AssignmentRoleNames
{
    public static string ToWireName(this AssignmentRole role) => role switch
    {
        AssignmentRole.Lead => "lead",
        AssignmentRole.Owner => "owner",
        AssignmentRole.GroupMember => "group",
        AssignmentRole.Region => "region",
        AssignmentRole.HandedDown => "handed-down",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The role a stored wire name stands for, or null for a name this version does not know.</summary>
    public static AssignmentRole? FromWireName(string? name) =>
        Enum.GetValues<AssignmentRole>().Where(role => role.ToWireName() == name).Select(role => (AssignmentRole?)role).FirstOrDefault();
}
