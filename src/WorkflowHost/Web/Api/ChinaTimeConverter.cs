using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Web.Api;

/// <summary>
/// Reads an instant in a JSON body as the offices mean it: <c>2024-03-01T09:00</c> without an offset is China time
/// (System.Text.Json would take the server's zone, which on a UTC server moves the instant eight hours). An explicit
/// offset or <c>Z</c> is kept. Anything else is refused as malformed JSON, which answers 400.
/// </summary>
public sealed class ChinaTimeConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] LocalForms = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("时间应为字符串,如 2024-03-01T09:00");
        var text = reader.GetString()!;
        if (DateTime.TryParseExact(text, LocalForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return ChinaTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(text))
            return instant;
        throw new JsonException($"“{Shorten(text)}”不是时间,应为 2024-03-01T09:00(北京时间)或带时区的时间");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
