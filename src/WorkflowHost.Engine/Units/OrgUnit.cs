namespace WorkflowHost.Engine.Units;

/// <summary>
/// One unit that can be assigned tasks. <paramref name="Name"/> is the canonical short form the plan usually writes
/// (省应急厅); <paramref name="FullName"/> is the official name (甘肃省应急管理厅) when known; <paramref name="Aliases"/> are
/// other forms the plan writes (省安委办). <paramref name="InRegionsRule"/> says whether task 5's rule
/// (「各市州、兰州新区负责,以下各项工作均需各地落实」) makes this unit carry every later task. <paramref name="Parent"/> is the
/// unit it belongs to (兰州市 for 城关区 and 兰州市应急管理局), by canonical name: the parent may hand its work down to it.
/// <paramref name="Contact"/> is whom another unit calls about its tasks (联络员 and phone), when the directory has one.
/// </summary>
public sealed record OrgUnit(
    string Name,
    string? FullName,
    IReadOnlyList<string> Aliases,
    UnitKind Kind,
    string Email,
    bool InRegionsRule,
    string? Parent = null,
    UnitContact? Contact = null)
{
    /// <summary>Every form under which the unit can be found: name, full name, aliases.</summary>
    public IEnumerable<string> Names()
    {
        yield return Name;
        if (FullName is not null && FullName != Name)
        {
            yield return FullName;
        }

        foreach (var alias in Aliases)
        {
            yield return alias;
        }
    }
}

/// <summary>A unit's contact for the other units: the person (联系人) and a phone (联系电话), as the directory holds them.</summary>
public sealed record UnitContact(string Person, string Phone)
{
    /// <summary>「张联络员 0931-0000001」, as pages and letters print it.</summary>
    public override string ToString() => $"{Person} {Phone}";
}
