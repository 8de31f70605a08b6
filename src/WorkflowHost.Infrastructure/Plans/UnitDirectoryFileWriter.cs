using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Writes an import review's aliases and new units into the directory file (units.json), where the directory's aliases
/// live — so <c>plan validate</c> and <c>plan import</c> know the names next time, as the web app does. Every other
/// field and entry is kept as it is; a unit stays one line, as the file is written by hand.
/// </summary>
public static class UnitDirectoryFileWriter
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), WriteIndented = true };

    /// <summary>The file's text with the additions; checked by reading it back as a directory (which throws when it is not one).</summary>
    public static string WithAdditions(string json, IReadOnlyDictionary<string, string> aliases, IReadOnlyList<ReviewNewUnit> newUnits)
    {
        var root = JsonNode.Parse(json, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        var units = root["units"]!.AsArray();
        var groups = root["groups"]?.AsArray() ?? [];
        foreach (var (alias, target) in aliases)
        {
            var entry = units.Concat(groups).First(e => (string?)e!["name"] == target)!;
            var list = entry["aliases"] as JsonArray ?? (JsonArray)(entry["aliases"] = new JsonArray());
            list.Add(alias);
        }
        foreach (var unit in newUnits)
        {
            var entry = new JsonObject { ["name"] = unit.Name };
            if (unit.FullName is not null) entry["fullName"] = unit.FullName;
            entry["aliases"] = new JsonArray();
            entry["kind"] = unit.Kind.ToWireName();
            entry["email"] = unit.Email;
            units.Add(entry);
        }

        var text = new System.Text.StringBuilder("{\n");
        var first = true;
        foreach (var (key, value) in root)
        {
            if (!first) text.Append(",\n");
            first = false;
            text.Append($"  {JsonSerializer.Serialize(key, Compact)}: ");
            if (key == "units")
                text.Append("[\n").AppendJoin(",\n", units.Select(u => "    " + u!.ToJsonString(Compact))).Append("\n  ]");
            else
                text.Append(value?.ToJsonString(Indented).Replace("\n", "\n  ") ?? "null");
        }
        var result = text.Append("\n}\n").ToString();
        UnitDirectoryFile.Parse(result, "单位名录");
        return result;
    }
}
