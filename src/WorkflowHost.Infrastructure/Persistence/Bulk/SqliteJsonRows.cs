using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowHost.Infrastructure.Persistence.Bulk;

/// <summary>
/// A chunk of rows as one JSON text of arrays (<c>[[v0, v1, …], …]</c>), for an <c>INSERT … SELECT … FROM json_each($rows)</c>
/// on SQLite: one parameter bound and one statement run per chunk, where binding each value of each row through
/// Microsoft.Data.Sqlite (its name looked up, its value boxed and converted) is most of a row's cost. Values are written
/// as SQLite would have stored them bound one by one: integers as numbers, dates as <c>yyyy-MM-dd</c> text, nulls as null.
/// </summary>
internal sealed class SqliteJsonRows
{
    // Not escaping CJK text keeps the JSON short; SQLite's parser reads any valid JSON string back to the same text.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _json;

    public SqliteJsonRows()
    {
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    public void Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartArray();
    }

    public void Row() => _json.WriteStartArray();
    public void EndRow() => _json.WriteEndArray();

    public void Value(long value) => _json.WriteNumberValue(value);

    public void Value(long? value)
    {
        if (value is { } v) _json.WriteNumberValue(v);
        else _json.WriteNullValue();
    }

    public void Value(string? value)
    {
        if (value is null) _json.WriteNullValue();
        else _json.WriteStringValue(value);
    }

    public void Value(DateOnly? value)
    {
        if (value is { } date) _json.WriteStringValue(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else _json.WriteNullValue();
    }

    /// <summary>The chunk's JSON text, to bind as the statement's one parameter.</summary>
    public string End()
    {
        _json.WriteEndArray();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
