using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Microsoft.OpenApi;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>One generated request: who sends it, where, and the body (kept as bytes, so it can be sent again and
/// printed).</summary>
public sealed record FuzzRequest(string Actor, HttpMethod Method, string Url, string? ContentType, byte[]? Body, string Summary)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }
        return message;
    }

    public override string ToString() => $"[{Actor}] {Method.Method} {Shorten(Url, 200)} {ContentType} {Shorten(Summary, 300)}";

    public static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}…(+{text.Length - max})";
}

/// <summary>A generated body: its content type, its bytes, and a readable summary for the report.</summary>
public sealed record GeneratedBody(string? ContentType, byte[]? Bytes, string Summary);

/// <summary>The valid ids the fuzzer mixes with odd ones, so requests also get past the "not found" checks.</summary>
public sealed record FuzzIds(IReadOnlyList<long> Assignments, IReadOnlyList<long> Escalations, IReadOnlyList<long> Files);

/// <summary>From an operation of the OpenAPI document to a CsCheck generator of requests for it.</summary>
public static class FuzzRequests
{
    public static Gen<FuzzRequest> For(FuzzOperation operation, FuzzIds ids)
    {
        // Signing in is fuzzed anonymously only (see FuzzOperations.Skipped); everything else as a unit clerk, as the
        // working group, and now and then without a session (the 401 must be a problem too).
        var actor = operation.Name == "POST /api/session"
            ? Gen.Const("anonymous")
            : Gen.Frequency((4, Gen.Const("yjt-clerk")), (4, Gen.Const("zhuanban")), (1, Gen.Const("anonymous")));
        return Gen.Select(actor, Url(operation, ids), Body(operation), (who, url, body) =>
            new FuzzRequest(who, operation.Method, url, body.ContentType, body.Bytes, body.Summary));
    }

    private static Gen<string> Url(FuzzOperation operation, FuzzIds ids)
    {
        var url = Gen.Const(operation.Path);
        foreach (var parameter in operation.Parameters.Where(p => p.In == ParameterLocation.Path))
        {
            var value = IsInteger(parameter.Schema) ? HostileValues.PathId(IdsFor(operation.Path, ids)) : PathText(parameter);
            url = Gen.Select(url, value, (u, v) => u.Replace("{" + parameter.Name + "}", v));
        }
        var query = operation.Parameters.Where(p => p.In == ParameterLocation.Query).ToList();
        foreach (var parameter in query)
        {
            var value = Gen.Frequency((2, Gen.Const((string?)null)), (3, QueryValue(parameter.Schema).Select(v => (string?)v)));
            url = Gen.Select(url, value, (u, v) => v is null ? u : $"{u}{(u.Contains('?') ? '&' : '?')}{parameter.Name}={Uri.EscapeDataString(v)}");
        }
        return url;
    }

    private static IReadOnlyList<long> IdsFor(string path, FuzzIds ids) =>
        path.StartsWith("/api/escalations") ? ids.Escalations : path.StartsWith("/api/files") ? ids.Files : ids.Assignments;

    private static Gen<string> PathText(IOpenApiParameter parameter) =>
        parameter.Name == "month" ? HostileValues.Month : HostileValues.Text.Select(t => Uri.EscapeDataString(t.Length > 200 ? t[..200] : t));

    private static Gen<string> QueryValue(IOpenApiSchema? schema) =>
        IsInteger(schema) ? HostileValues.Integer
        : schema?.Enum is { Count: > 0 } values ? Gen.Frequency((2, Gen.OneOf(values.Select(v => v?.ToString().Trim('"') ?? "").ToArray())), (1, HostileValues.Text))
        : HostileValues.Text.Select(t => t.Length > 2_000 ? t[..2_000] : t);

    private static Gen<GeneratedBody> Body(FuzzOperation operation)
    {
        if (operation.BodyMediaType is null) return Gen.Const(new GeneratedBody(null, null, ""));
        if (operation.BodyMediaType == "multipart/form-data") return Multipart.For(operation.BodySchema);
        var json = Gen.Frequency(
            (8, FuzzJson.Value(operation.BodySchema, depth: 0)),
            (2, HostileValues.Malformed));
        var contentType = Gen.Frequency(
            (10, Gen.Const<string?>("application/json")),
            (1, Gen.OneOf<string?>(null, "text/plain", "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded", "application/xml")));
        return Gen.Select(json, contentType, (text, type) => new GeneratedBody(type, Encoding.UTF8.GetBytes(text), text));
    }

    internal static bool IsInteger(IOpenApiSchema? schema) =>
        schema?.Format is "int32" or "int64" || schema?.Type?.HasFlag(JsonSchemaType.Integer) == true;
}
