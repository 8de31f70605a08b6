using System.Text.Json;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Reads one workflow definition file (<c>workflows/{id}.v{version}.json</c>; the format is described in
/// <c>workflows/README.md</c>). Any problem is a <see cref="WorkflowDefinitionException"/> whose message starts with the
/// file path and lists every problem found, so one edit-and-reload round fixes them all.
/// </summary>
public static class WorkflowDefinitionFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Two "to" properties in one transition is a merge slip; taking the last one silently would hide it.
        AllowDuplicateProperties = false,
    };

    public static WorkflowDefinition Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowDefinitionException($"{path}: cannot read the workflow definition: {ex.Message}");
        }
        return Parse(json, path);
    }

    /// <param name="origin">Where the text came from (a path), used as the prefix of every error message.</param>
    public static WorkflowDefinition Parse(string json, string origin)
    {
        var file = Deserialize(json, origin);
        var definition = WorkflowDefinitionJsonMapper.Map(file, out var shapeProblems);
        if (definition is null)
            throw new WorkflowDefinitionException($"{origin}: {string.Join("; ", shapeProblems)}");

        var problems = WorkflowDefinitionRules.FindProblems(definition);
        if (problems.Count > 0)
            throw new WorkflowDefinitionException($"{origin}: {string.Join("; ", problems)}");
        return definition;
    }

    private static DefinitionJson Deserialize(string json, string origin)
    {
        // Parsed as a document first so that broken syntax is reported as such, apart from values of the wrong type.
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new WorkflowDefinitionException($"{origin}: line {Line(ex)}: malformed JSON: {WithoutPosition(ex.Message)}");
        }

        try
        {
            return JsonSerializer.Deserialize<DefinitionJson>(json, Options)
                ?? throw new WorkflowDefinitionException($"{origin}: the file holds null instead of a workflow definition");
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { } p ? p.TrimStart('$').TrimStart('.') : "?";
            throw new WorkflowDefinitionException($"{origin}: line {Line(ex)}: {path}: {Explain(ex)}");
        }
    }

    // The serializer's own sentences name this library's internal types; say what is wrong in the file's terms instead.
    private static string Explain(JsonException ex)
    {
        var message = WithoutPosition(ex.Message);
        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
            return "the property is given twice";
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return $"the value is not {Expected(message)}";
        return message;
    }

    private static string Expected(string conversionMessage) =>
        conversionMessage switch
        {
            _ when conversionMessage.Contains("Int32", StringComparison.Ordinal) => "a whole number",
            _ when conversionMessage.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when conversionMessage.Contains("List", StringComparison.Ordinal) => "a list",
            _ when conversionMessage.Contains("System.String", StringComparison.Ordinal) => "a string",
            _ => "an object",
        };

    // JsonException counts lines from 0; editors count from 1.
    private static long Line(JsonException ex) => (ex.LineNumber ?? 0) + 1;

    // The serializer appends "Path: … | LineNumber: … | BytePositionInLine: …", which the prefix already says more plainly.
    private static string WithoutPosition(string message)
    {
        var index = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (index < 0) index = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
