using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowHost.Engine.Units;

/// <summary>
/// Reads a units.json file:
/// <code>
/// {
///   "description": "free text",
///   "units": [
///     { "name": "省应急厅", "fullName": "甘肃省应急管理厅", "aliases": [], "kind": "provincial-department",
///       "email": "yjt@gansu.example", "inRegionsRule": false, "contact": "张联络员", "phone": "0931-0000001" }
///   ],
///   "groups": [
///     { "name": "负有安全监管职责的部门", "aliases": ["各负有安全监管职责的部门"], "membership": "configured",
///       "note": "who maintains this list", "members": ["省应急厅"] }
///   ]
/// }
/// </code>
/// Required: units[].name, kind, email; groups[].name, membership, members (and note when membership is configured).
/// fullName, aliases, inRegionsRule and parent are optional; inRegionsRule defaults to true for kind "region", false
/// otherwise; parent names the unit this one belongs to (a 县区 of a 市州), which may hand work down to it; contact and
/// phone (both or neither) are whom other units call about its tasks, checked by <see cref="UnitDirectoryRules"/>.
/// Unknown fields are errors, so a misspelt field is never silently ignored.
/// </summary>
public static class UnitDirectoryFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static UnitDirectory Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses units.json text; <paramref name="source"/> (usually the file path) prefixes every error message.</summary>
    public static UnitDirectory Parse(string json, string source)
    {
        DirectoryDocument document;
        try
        {
            document = JsonSerializer.Deserialize<DirectoryDocument>(json, Options)
                ?? throw new DirectoryFormatException($"{source}: the file holds null instead of a directory object");
        }
        catch (JsonException error)
        {
            throw new DirectoryFormatException($"{source}: not a valid unit directory: {error.Message}");
        }

        var units = Required(document.Units, source, "units")
            .Select((entry, index) => ToUnit(entry, $"{source}: unit #{index + 1}"))
            .ToArray();
        var groups = (document.Groups ?? [])
            .Select((entry, index) => ToGroup(entry, $"{source}: group #{index + 1}"))
            .ToArray();
        return UnitDirectory.Create(units, groups, source);
    }

    private static OrgUnit ToUnit(UnitEntry? entry, string where)
    {
        entry = Required(entry, where, "the entry");
        var name = Required(entry.Name, where, "name");
        where = $"{where} ('{name}')";
        var kindName = Required(entry.Kind, where, "kind");
        if (!UnitKindNames.TryFromWireName(kindName, out var kind))
        {
            throw new DirectoryFormatException(
                $"{where}: unknown kind '{kindName}' (expected one of {string.Join(", ", UnitKindNames.All)})");
        }

        return new OrgUnit(
            name,
            entry.FullName,
            Strings(entry.Aliases, where, "aliases"),
            kind,
            Required(entry.Email, where, "email"),
            entry.InRegionsRule ?? kind == UnitKind.Region,
            entry.Parent,
            UnitDirectoryRules.Contact(entry.Contact, entry.Phone, where, name));
    }

    private static UnitGroup ToGroup(GroupEntry? entry, string where)
    {
        entry = Required(entry, where, "the entry");
        var name = Required(entry.Name, where, "name");
        where = $"{where} ('{name}')";
        var membershipName = Required(entry.Membership, where, "membership");
        if (!MembershipSourceNames.TryFromWireName(membershipName, out var membership))
        {
            throw new DirectoryFormatException($"{where}: unknown membership '{membershipName}' (expected configured or document)");
        }

        return new UnitGroup(
            name,
            Strings(entry.Aliases, where, "aliases"),
            Strings(Required(entry.Members, where, "members"), where, "members"),
            membership,
            entry.Note);
    }

    private static T Required<T>(T? value, string where, string field)
        where T : class
        => value ?? throw new DirectoryFormatException($"{where}: missing field '{field}'");

    private static string[] Strings(List<string?>? values, string where, string field)
        => (values ?? []).Select(value => value ?? throw new DirectoryFormatException($"{where}: {field} contains null")).ToArray();

    private sealed class DirectoryDocument
    {
        public string? Description { get; set; }

        public List<UnitEntry?>? Units { get; set; }

        public List<GroupEntry?>? Groups { get; set; }
    }

    private sealed class UnitEntry
    {
        public string? Name { get; set; }

        public string? FullName { get; set; }

        public List<string?>? Aliases { get; set; }

        public string? Kind { get; set; }

        public string? Email { get; set; }

        public bool? InRegionsRule { get; set; }

        public string? Parent { get; set; }

        public string? Contact { get; set; }

        public string? Phone { get; set; }
    }

    private sealed class GroupEntry
    {
        public string? Name { get; set; }

        public List<string?>? Aliases { get; set; }

        public string? Membership { get; set; }

        public string? Note { get; set; }

        public List<string?>? Members { get; set; }
    }
}
