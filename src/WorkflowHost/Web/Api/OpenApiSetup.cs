using Microsoft.OpenApi;

namespace WorkflowHost.Web.Api;

/// <summary>The OpenAPI document (/openapi/v1.json), complete enough for a client generator or a fuzzer to send every
/// request: generated from the endpoints' metadata, with one correction below.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
        // System.Text.Json describes a type read by a custom converter as "any" ({}). Strings all go through
        // VerbatimStringConverter, and times may get a converter of their own: say again what they are, for body
        // fields and query parameters alike.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema.Type is not null) return Task.CompletedTask;
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type == typeof(string)) schema.Type = JsonSchemaType.String;
            else if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) (schema.Type, schema.Format) = (JsonSchemaType.String, "date-time");
            else if (type == typeof(DateOnly)) (schema.Type, schema.Format) = (JsonSchemaType.String, "date");
            return Task.CompletedTask;
        }));
}
