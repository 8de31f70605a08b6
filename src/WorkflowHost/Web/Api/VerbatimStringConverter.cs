using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowHost.Web.Api;

/// <summary>
/// Reads JSON strings as sent, even a <c>\uD800</c> escape with no partner: System.Text.Json refuses those with an
/// exception that surfaces as a 500, where the caller deserves a 400 naming the field. So the string is read as it
/// is, and the field's own rule (<see cref="Infrastructure.Input.FreeText"/>) refuses it with that message.
/// </summary>
public sealed class VerbatimStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"expected a string, found {reader.TokenType}");
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return Unescape(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>A JSON string's raw bytes (between the quotes) to text, keeping unpaired surrogate escapes.</summary>
    private static string Unescape(byte[] raw)
    {
        var text = new StringBuilder(raw.Length);
        var run = new List<byte>();
        void FlushRun() { text.Append(Encoding.UTF8.GetString(run.ToArray())); run.Clear(); }
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\') { run.Add(raw[i]); continue; }
            FlushRun();
            var escape = (char)raw[++i];
            switch (escape)
            {
                case 'u':
                    text.Append((char)Convert.ToUInt16(Encoding.ASCII.GetString(raw, i + 1, 4), 16));
                    i += 4;
                    break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                default: text.Append(escape); break; // \" \\ \/
            }
        }
        FlushRun();
        return text.ToString();
    }
}
