using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>The OpenAPI document says enough to build every request (the fuzzer's input): typed parameters and body
/// fields, the bodies themselves, and the problems an operation can answer.</summary>
[Collection(FuzzHostCollection.Name)]
public sealed class OpenApiDocumentTests(FuzzHostFixture host)
{
    private async Task<OpenApiDocument> DocumentAsync()
    {
        var json = await host.Anonymous().GetStringAsync("/openapi/v1.json");
        return OpenApiModelFactory.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings()).Document!;
    }

    [Fact]
    public async Task Every_parameter_and_body_field_has_a_type()
    {
        var untyped = new List<string>();
        foreach (var operation in FuzzOperations.Read(await host.Anonymous().GetStringAsync("/openapi/v1.json")))
        {
            untyped.AddRange(operation.Parameters.Where(p => p.Schema?.Type is null && p.Schema?.Enum is not { Count: > 0 }).Select(p => $"{operation.Name} parameter {p.Name}"));
            untyped.AddRange(FuzzOperations.Properties(operation.BodySchema).Where(p => p.Value.Type is null).Select(p => $"{operation.Name} field {p.Key}"));
        }
        Assert.Empty(untyped);
    }

    [Fact]
    public async Task The_action_bodies_are_described_json_figures_and_the_multipart_form()
    {
        var operations = FuzzOperations.Read(await host.Anonymous().GetStringAsync("/openapi/v1.json")).ToDictionary(o => o.Name);

        var report = operations["POST /api/assignments/{id}/reports"];
        Assert.Equal("application/json", report.BodyMediaType);
        var figures = FuzzOperations.Properties(report.BodySchema).Single(p => p.Key == "figures").Value;
        Assert.True(figures.AdditionalProperties?.Type?.HasFlag(JsonSchemaType.Number), "figures is a map of numbers");
        var completion = operations["POST /api/assignments/{id}/completion"];
        Assert.Equal("multipart/form-data", completion.BodyMediaType);
        Assert.Equal(["files", "note"], FuzzOperations.Properties(completion.BodySchema).Select(p => p.Key).Order());
        Assert.Equal("date", FuzzOperations.Properties(operations["POST /api/assignments/{id}/extension"].BodySchema).Single(p => p.Key == "date").Value.Format);
    }

    [Fact]
    public async Task Every_signed_in_operation_lists_its_problem_responses()
    {
        var document = await DocumentAsync();
        var missing = new List<string>();
        foreach (var (path, item) in document.Paths)
        foreach (var (method, operation) in item.Operations ?? [])
        {
            if (path == "/api/status") continue; // anonymous and never refuses
            foreach (var status in new[] { "400", "401", "403" })
                if (operation.Responses?.TryGetValue(status, out var response) != true || response?.Content?.ContainsKey("application/problem+json") != true)
                    missing.Add($"{method} {path} {status}");
        }
        Assert.Empty(missing);
    }
}
