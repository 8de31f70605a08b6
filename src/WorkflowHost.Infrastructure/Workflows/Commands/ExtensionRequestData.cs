using System.Text.Json;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>The date an extension request asks for, as its journal row keeps it (<c>{"requestedDate": "2024-05-31"}</c>):
/// written once by <see cref="RequestExtension"/>, read by its decision, the pages and the digest.</summary>
public static class ExtensionRequestData
{
    public static object Of(DateOnly date) => new { requestedDate = date.ToString("yyyy-MM-dd") };

    /// <summary>The date asked for, or null when the row holds none (a damaged or foreign row).</summary>
    public static DateOnly? DateOf(string? data)
    {
        if (data is null) return null;
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("requestedDate", out var d)
                && d.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", out var date) ? date : null;
        }
        catch (JsonException) { return null; }
    }
}
