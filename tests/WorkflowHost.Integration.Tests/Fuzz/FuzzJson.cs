using CsCheck;
using Microsoft.OpenApi;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>Raw JSON for a schema: mostly the right shape with hostile values, sometimes a missing field, an extra
/// one, a wrongly-typed one, or a huge map or array.</summary>
public static class FuzzJson
{
    public static Gen<string> Value(IOpenApiSchema? schema, int depth)
    {
        if (schema is null || depth > 3) return HostileValues.WrongType;
        return Gen.Frequency((8, RightType(schema, depth)), (1, HostileValues.WrongType));
    }

    private static Gen<string> RightType(IOpenApiSchema schema, int depth)
    {
        var type = schema.Type ?? 0;
        if (FuzzOperations.Properties(schema).Count > 0) return Object(schema, depth);
        if (schema.AdditionalProperties is { } values) return Map(values, depth);
        if (type.HasFlag(JsonSchemaType.Array)) return Array(schema.Items, depth);
        if (type.HasFlag(JsonSchemaType.Integer)) return HostileValues.Integer;
        if (type.HasFlag(JsonSchemaType.Number)) return HostileValues.Number;
        if (type.HasFlag(JsonSchemaType.Boolean)) return Gen.OneOf("true", "false", "0", "\"true\"");
        if (schema.Format == "date") return HostileValues.Date.Select(HostileValues.Json);
        if (schema.Format == "date-time") return HostileValues.DateTime.Select(HostileValues.Json);
        if (type.HasFlag(JsonSchemaType.String)) return HostileValues.Text.Select(HostileValues.Json);
        return HostileValues.WrongType;
    }

    private static Gen<string> Object(IOpenApiSchema schema, int depth)
    {
        var fields = Gen.Const(new List<string>());
        foreach (var (name, property) in FuzzOperations.Properties(schema))
        {
            var field = Gen.Frequency((1, Gen.Const((string?)null)), (5, Value(property, depth + 1).Select(v => (string?)$"{HostileValues.Json(name)}:{v}")));
            fields = Gen.Select(fields, field, (list, f) => f is null ? list : [.. list, f]);
        }
        var extra = Gen.Frequency((4, Gen.Const((string?)null)), (1, Gen.Select(HostileValues.Key, HostileValues.WrongType, (k, v) => (string?)$"{HostileValues.Json(k)}:{v}")));
        return Gen.Select(fields, extra, (list, e) => "{" + string.Join(",", e is null ? list : [.. list, e]) + "}");
    }

    private static Gen<string> Map(IOpenApiSchema values, int depth)
    {
        var count = Gen.Frequency((6, Gen.Int[0, 5]), (1, Gen.Int[40, 2_000]));
        var entry = Gen.Select(HostileValues.Key, Value(values, depth + 1), (k, v) => $"{HostileValues.Json(k)}:{v}");
        return count.SelectMany(n => entry.List[n]).Select(entries => "{" + string.Join(",", Bounded(entries)) + "}");
    }

    private static Gen<string> Array(IOpenApiSchema? items, int depth)
    {
        var count = Gen.Frequency((6, Gen.Int[0, 5]), (1, Gen.Int[100, 5_000]));
        return count.SelectMany(n => Value(items, depth + 1).List[n]).Select(values => "[" + string.Join(",", Bounded(values)) + "]");
    }

    /// <summary>Drops entries past 150 KB, so a body stays under the 200 KB the fuzzer allows itself.</summary>
    private static IEnumerable<string> Bounded(IEnumerable<string> parts)
    {
        var total = 0;
        foreach (var part in parts)
        {
            total += part.Length * 3;
            if (total > 150_000) yield break;
            yield return part;
        }
    }
}
