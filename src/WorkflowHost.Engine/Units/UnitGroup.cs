namespace WorkflowHost.Engine.Units;

/// <summary>Where a group's member list comes from.</summary>
public enum MembershipSource
{
    /// <summary>The plan names the group but not its members: someone maintains the list in the directory.</summary>
    Configured,

    /// <summary>The plan itself lists the members.</summary>
    Document,
}

/// <summary>
/// A named set of units the plan assigns work to as a whole (负有安全监管职责的部门). <paramref name="Members"/> are
/// canonical unit names; the group entry is the only place membership is recorded, so a unit's groups are derived from it.
/// <paramref name="Note"/> says why the list is what it is and who keeps it up to date.
/// </summary>
public sealed record UnitGroup(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Members,
    MembershipSource MembershipSource,
    string? Note)
{
    public IEnumerable<string> Names() => Aliases.Prepend(Name);
}

public static class MembershipSourceNames
{
    public static string ToWireName(this MembershipSource source) => source switch
    {
        MembershipSource.Configured => "configured",
        MembershipSource.Document => "document",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    public static bool TryFromWireName(string? name, out MembershipSource source)
    {
        switch (name)
        {
            case "configured":
                source = MembershipSource.Configured;
                return true;
            case "document":
                source = MembershipSource.Document;
                return true;
            default:
                source = default;
                return false;
        }
    }
}
