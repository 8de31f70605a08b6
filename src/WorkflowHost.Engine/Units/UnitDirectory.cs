namespace WorkflowHost.Engine.Units;

/// <summary>
/// The units and groups a plan may name, looked up by any of their names. Built once, validated as a whole, then read-only.
/// </summary>
public sealed class UnitDirectory
{
    private readonly Dictionary<string, OrgUnit> unitsByName;
    private readonly Dictionary<string, UnitGroup> groupsByName;

    private UnitDirectory(
        IReadOnlyList<OrgUnit> units,
        IReadOnlyList<UnitGroup> groups,
        Dictionary<string, OrgUnit> unitsByName,
        Dictionary<string, UnitGroup> groupsByName)
    {
        Units = units;
        Groups = groups;
        this.unitsByName = unitsByName;
        this.groupsByName = groupsByName;
        Regions = units.Where(unit => unit.Kind == UnitKind.Region && unit.InRegionsRule).ToArray();
    }

    /// <summary>Every unit, in directory order.</summary>
    public IReadOnlyList<OrgUnit> Units { get; }

    /// <summary>Every group, members given by canonical unit name.</summary>
    public IReadOnlyList<UnitGroup> Groups { get; }

    /// <summary>The units that 「各市州、兰州新区」 stands for, in directory order (the 14 市州, then 兰州新区).</summary>
    public IReadOnlyList<OrgUnit> Regions { get; }

    /// <summary>Reads and validates a units.json file (schema: <see cref="UnitDirectoryFile"/>).</summary>
    public static UnitDirectory Load(string path) => UnitDirectoryFile.Read(path);

    /// <summary>
    /// Builds a directory from entries already in memory and validates it as a whole. <paramref name="source"/> names
    /// where the entries came from, for error messages. Group members may be given by any unit name; they are stored canonical.
    /// </summary>
    public static UnitDirectory Create(IEnumerable<OrgUnit> units, IEnumerable<UnitGroup> groups, string source = "unit directory")
    {
        var unitList = units.ToArray();
        var groupList = groups.ToArray();

        // One namespace for units and groups: the parser must know, from a name alone, which one the plan means.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var emails = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unitsByName = new Dictionary<string, OrgUnit>(StringComparer.Ordinal);
        foreach (var unit in unitList)
        {
            UnitDirectoryRules.CheckUnit(unit, source);
            foreach (var name in unit.Names())
            {
                Claim(owners, name, $"unit '{unit.Name}'", source);
                unitsByName[name] = unit;
            }

            if (!emails.TryAdd(unit.Email, unit.Name))
            {
                throw new DirectoryFormatException(
                    $"{source}: unit '{unit.Name}': email '{unit.Email}' is already used by unit '{emails[unit.Email]}'");
            }
        }

        unitList = CanonicalParents(unitList, unitsByName, source);
        foreach (var unit in unitList)
            foreach (var name in unit.Names())
                unitsByName[name] = unit;

        var groupsByName = new Dictionary<string, UnitGroup>(StringComparer.Ordinal);
        var canonicalGroups = new List<UnitGroup>(groupList.Length);
        foreach (var group in groupList)
        {
            UnitDirectoryRules.CheckGroup(group, source);
            var canonical = group with { Members = CanonicalMembers(group, unitsByName, source) };
            foreach (var name in canonical.Names())
            {
                Claim(owners, name, $"group '{group.Name}'", source);
                groupsByName[name] = canonical;
            }

            canonicalGroups.Add(canonical);
        }

        return new UnitDirectory(unitList, canonicalGroups, unitsByName, groupsByName);
    }

    /// <summary>The unit called <paramref name="nameOrAlias"/> (name, full name or alias), or null.</summary>
    public OrgUnit? Find(string nameOrAlias) => unitsByName.GetValueOrDefault(nameOrAlias);

    /// <summary>The group called <paramref name="nameOrAlias"/> (name or alias), or null.</summary>
    public UnitGroup? FindGroup(string nameOrAlias) => groupsByName.GetValueOrDefault(nameOrAlias);

    /// <summary>The units of a group, in the group's order.</summary>
    /// <exception cref="ArgumentException">No group has that name.</exception>
    public IReadOnlyList<OrgUnit> MembersOf(string group)
    {
        var found = FindGroup(group) ?? throw new ArgumentException($"unknown group '{group}'", nameof(group));
        return found.Members.Select(member => unitsByName[member]).ToArray();
    }

    /// <summary>The units that belong to <paramref name="unit"/> (its 县区 and departments), in directory order: those it
    /// may hand its work down to.</summary>
    public IReadOnlyList<OrgUnit> SubUnitsOf(string unit)
    {
        var found = Find(unit) ?? throw new ArgumentException($"unknown unit '{unit}'", nameof(unit));
        return Units.Where(u => u.Parent == found.Name).ToArray();
    }

    /// <summary>The groups a unit belongs to, derived from the group entries (the only record of membership).</summary>
    public IReadOnlyList<UnitGroup> GroupsOf(string unit)
    {
        var found = Find(unit) ?? throw new ArgumentException($"unknown unit '{unit}'", nameof(unit));
        return Groups.Where(group => group.Members.Contains(found.Name)).ToArray();
    }

    private static void Claim(Dictionary<string, string> owners, string name, string owner, string source)
    {
        if (!owners.TryAdd(name, owner))
        {
            throw new DirectoryFormatException(
                $"{source}: {owner}: name '{name}' is already used by {owners[name]}; names and aliases must be unique across units and groups");
        }
    }

    /// <summary>Parents given by any name are stored canonical; a parent must be another unit of the directory, and
    /// following parents must never come back to where it started (a hand-down could otherwise go round for ever).</summary>
    private static OrgUnit[] CanonicalParents(OrgUnit[] units, Dictionary<string, OrgUnit> unitsByName, string source)
    {
        var canonical = units.Select(unit => unit.Parent is null ? unit : unit with
        {
            Parent = (unitsByName.GetValueOrDefault(unit.Parent) ?? throw new DirectoryFormatException(
                $"{source}: unit '{unit.Name}': parent '{unit.Parent}' is not a unit in the directory")).Name,
        }).ToArray();
        var parentOf = canonical.Where(u => u.Parent is not null).ToDictionary(u => u.Name, u => u.Parent!);
        foreach (var unit in canonical)
        {
            var seen = new HashSet<string> { unit.Name };
            for (var at = unit.Name; parentOf.TryGetValue(at, out var parent); at = parent)
                if (!seen.Add(parent))
                    throw new DirectoryFormatException($"{source}: unit '{unit.Name}': its parents go round in a circle through '{parent}'");
        }
        return canonical;
    }

    private static string[] CanonicalMembers(UnitGroup group, Dictionary<string, OrgUnit> unitsByName, string source)
    {
        var members = new List<string>(group.Members.Count);
        foreach (var member in group.Members)
        {
            var unit = unitsByName.GetValueOrDefault(member) ?? throw new DirectoryFormatException(
                $"{source}: group '{group.Name}': member '{member}' is not a unit in the directory");
            if (members.Contains(unit.Name))
            {
                throw new DirectoryFormatException($"{source}: group '{group.Name}': member '{unit.Name}' is listed twice");
            }

            members.Add(unit.Name);
        }

        return members.ToArray();
    }
}
