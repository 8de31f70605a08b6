using Microsoft.OpenApi;

namespace WorkflowHost.Web.Api;

/// <summary>The OpenAPI document (/openapi/v1.json), complete enough for a client generator or a fuzzer to send every
/// request: generated from the endpoints' metadata, with one correction below.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
        // Every string is read by VerbatimStringConverter (a custom converter), and System.Text.Json describes a type
        // with a custom converter as "any" ({}): say it is a string again, for body fields and query parameters alike.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null) schema.Type = JsonSchemaType.String;
            return Task.CompletedTask;
        }));
}
