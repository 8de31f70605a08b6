using System.Collections;
using System.Reflection;
using System.Text;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// A message template kept as a file (<c>Mail/Templates/NAME.txt</c>): a <c>Subject:</c> line, a blank line, and the
/// body. A small Mustache subset, because officials edit these texts and should not need to read C#:
/// <c>{{name}}</c> inserts a value; <c>{{#name}}…{{/name}}</c> repeats for each item of a list (or shows once for a
/// true or non-empty value); <c>{{^name}}…{{/name}}</c> shows only when the value is empty or false. A line holding
/// nothing but a section tag disappears, so sections do not leave blank lines behind.
/// </summary>
public sealed class MailTemplate
{
    private readonly string _subject;
    private readonly string _body;

    public string Name { get; }

    private MailTemplate(string name, string subject, string body)
    {
        Name = name;
        _subject = subject;
        _body = body;
    }

    public static MailTemplate Parse(string name, string text)
    {
        text = text.Replace("\r\n", "\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var header = split < 0 ? text : text[..split];
        if (!header.StartsWith("Subject:", StringComparison.Ordinal) || header.Contains('\n'))
            throw new InvalidOperationException($"mail template '{name}': the first line must be 'Subject: …', followed by a blank line and the body");
        return new MailTemplate(name, header["Subject:".Length..].Trim(), split < 0 ? "" : text[(split + 2)..]);
    }

    /// <summary>The template shipped in the assembly under that name.</summary>
    public static MailTemplate Load(string name)
    {
        var resource = $"WorkflowHost.Mail.Templates.{name}.txt";
        using var stream = typeof(MailTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"mail template '{name}' is missing (no embedded resource {resource})");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(name, reader.ReadToEnd());
    }

    public (string Subject, string Body) Render(object model) =>
        (Render(_subject, [model]).Replace('\n', ' ').Trim(), Render(_body, [model]));

    private string Render(string template, IReadOnlyList<object> scopes)
    {
        var output = new StringBuilder();
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                output.Append(template, at, template.Length - at);
                break;
            }
            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0) throw new InvalidOperationException($"mail template '{Name}': '{{{{' at offset {open} is never closed");
            var tag = template[(open + 2)..close].Trim();
            if (tag.Length > 0 && tag[0] is '#' or '^')
            {
                var key = tag[1..].Trim();
                var end = $"{{{{/{key}}}}}";
                var endAt = template.IndexOf(end, close, StringComparison.Ordinal);
                if (endAt < 0) throw new InvalidOperationException($"mail template '{Name}': section '{key}' has no {end}");
                output.Append(template, at, StandaloneStart(template, open) - at);
                var inner = template[SkipStandaloneEnd(template, close + 2)..StandaloneStart(template, endAt)];
                var value = Lookup(scopes, key);
                if (tag[0] == '^')
                {
                    if (!IsTruthy(value)) output.Append(Render(inner, scopes));
                }
                else if (value is IEnumerable items and not string)
                {
                    foreach (var item in items) output.Append(Render(inner, [item, .. scopes]));
                }
                else if (IsTruthy(value))
                {
                    output.Append(Render(inner, scopes));
                }
                at = SkipStandaloneEnd(template, endAt + end.Length);
                continue;
            }
            output.Append(template, at, open - at);
            output.Append(Lookup(scopes, tag)?.ToString() ?? throw new InvalidOperationException($"mail template '{Name}': no value for '{{{{{tag}}}}}'"));
            at = close + 2;
        }
        return output.ToString();
    }

    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int n => n != 0,
        IEnumerable e => e.GetEnumerator().MoveNext(),
        _ => true,
    };

    /// <summary>The innermost scope that has the name wins, so an item's fields shadow the message's.</summary>
    private static object? Lookup(IReadOnlyList<object> scopes, string key)
    {
        foreach (var scope in scopes)
        {
            if (scope is IDictionary<string, object?> map)
            {
                if (map.TryGetValue(key, out var v)) return v;
                continue;
            }
            var property = scope.GetType().GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not null) return property.GetValue(scope);
        }
        return null;
    }

    // A tag alone on its line takes the whole line with it.
    private static int StandaloneStart(string text, int tagAt)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(tagAt - 1, 0)) + 1;
        if (tagAt == 0) lineStart = 0;
        return text.AsSpan(lineStart, tagAt - lineStart).IsWhiteSpace() ? lineStart : tagAt;
    }

    private static int SkipStandaloneEnd(string text, int afterTag)
    {
        var lineEnd = text.IndexOf('\n', afterTag);
        var rest = lineEnd < 0 ? text.AsSpan(afterTag) : text.AsSpan(afterTag, lineEnd - afterTag);
        if (!rest.IsWhiteSpace()) return afterTag;
        // Only when the tag also began its line; otherwise keep the newline.
        var lineStart = text.LastIndexOf('\n', Math.Max(afterTag - 1, 0)) + 1;
        var tagStart = text.LastIndexOf("{{", afterTag - 1, StringComparison.Ordinal);
        if (tagStart < lineStart || !text.AsSpan(lineStart, tagStart - lineStart).IsWhiteSpace()) return afterTag;
        return lineEnd < 0 ? text.Length : lineEnd + 1;
    }
}
