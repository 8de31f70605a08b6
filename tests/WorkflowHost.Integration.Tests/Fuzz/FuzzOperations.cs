using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document, as the fuzzer needs it.</summary>
public sealed record FuzzOperation(HttpMethod Method, string Path, IReadOnlyList<IOpenApiParameter> Parameters, string? BodyMediaType, IOpenApiSchema? BodySchema)
{
    public string Name => $"{Method.Method} {Path}";

    public override string ToString() => Name;
}

/// <summary>Reads /openapi/v1.json with Microsoft.OpenApi into the operations to fuzz.</summary>
public static class FuzzOperations
{
    /// <summary>Left out, because they would end the fuzzer's own session: signing out (DELETE /api/session). Signing in
    /// (POST /api/session) is fuzzed from an anonymous client only, so a success could not replace a session either.
    /// The API has no password-change operation (that is a page).</summary>
    public static readonly string[] Skipped = ["DELETE /api/session"];

    public static IReadOnlyList<FuzzOperation> Read(string json)
    {
        var result = OpenApiModelFactory.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.True(result.Document is not null, "the OpenAPI document does not parse: " + string.Join("; ", result.Diagnostic?.Errors.Select(e => e.Message) ?? []));
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in result.Document!.Paths)
        foreach (var (method, operation) in item.Operations ?? [])
        {
            var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? []).ToList();
            var content = operation.RequestBody?.Content?.FirstOrDefault();
            var op = new FuzzOperation(method, path, parameters, content?.Key, content?.Value.Schema);
            if (!Skipped.Contains(op.Name)) operations.Add(op);
        }
        return operations;
    }

    /// <summary>A schema's properties, with those of its allOf parts (how the document describes a form whose fields
    /// are separate parameters).</summary>
    public static IReadOnlyList<KeyValuePair<string, IOpenApiSchema>> Properties(IOpenApiSchema? schema) => schema is null ? [] :
        [.. schema.Properties ?? new Dictionary<string, IOpenApiSchema>(), .. (schema.AllOf ?? []).SelectMany(Properties)];
}
