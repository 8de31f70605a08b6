using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace WorkflowHost.Web.Api;

/// <summary>
/// One place that turns a request the framework could not read (broken JSON, a field of the wrong type, a query or
/// route value that does not parse, a broken form) into a 4xx problem naming the field in Chinese. Without it a
/// minimal API throws <see cref="BadHttpRequestException"/> in Development (a 500) and answers a bare 400 in
/// Production; with <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> always on, both come here.
/// </summary>
public sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public static IServiceCollection AddBadRequestProblems(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        // Problems the framework writes itself (no route matched, a body that is not JSON) carry no detail: give them one.
        services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Detail is not null) return;
            (problem.Title, problem.Detail) = problem.Status switch
            {
                StatusCodes.Status404NotFound => ("未找到", "没有这个地址或对象 (not found)"),
                StatusCodes.Status405MethodNotAllowed => ("请求方法不受支持", "该地址不支持此请求方法 (method not allowed)"),
                StatusCodes.Status415UnsupportedMediaType => ("请求内容类型不受支持", "请求内容应为 application/json (send Content-Type: application/json)"),
                StatusCodes.Status400BadRequest => ("请求无效", "请求无法读取 (the request could not be read)"),
                _ => (problem.Title, problem.Detail),
            };
        });
        return services;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        http.Response.StatusCode = status;
        var (title, detail) = Describe(bad, status);
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
        if (!written) await http.Response.WriteAsync($"{title}: {detail}", cancel);
        return true;
    }

    /// <summary>The title and detail for a request that could not be read; never echoes the value sent (it may be
    /// megabytes, or carry control characters).</summary>
    public static (string Title, string Detail) Describe(BadHttpRequestException bad, int status)
    {
        if (status == StatusCodes.Status413PayloadTooLarge) return ("请求内容过大", "请求内容超过了允许的大小 (the request body is too large)");
        if (status == StatusCodes.Status415UnsupportedMediaType) return ("请求内容类型不受支持", "请求内容应为 application/json (send Content-Type: application/json)");
        if (bad.InnerException is JsonException json) return ("请求无效", JsonDetail(json));
        if (bad.InnerException is InvalidDataException || bad.Message.Contains("as form", StringComparison.Ordinal))
            return ("请求无效", "表单内容无效,应为 multipart/form-data (the form could not be read)");
        var parameter = BindFailure().Match(bad.Message);
        if (parameter.Success)
            return ("请求无效", $"参数 {parameter.Groups["name"].Value} 的值无效,应为{Kind(parameter.Groups["type"].Value)} (parameter '{parameter.Groups["name"].Value}' is not a valid {parameter.Groups["type"].Value})");
        if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal))
            return ("请求无效", "缺少请求内容 (JSON) (the request body is missing)");
        return ("请求无效", "请求无法读取 (the request could not be read)");
    }

    private static string JsonDetail(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path ? FirstField(path) : null;
        // A value the type's converter refused (a date that is not a date) names the type in the inner exception.
        if (field is not null && json.InnerException is FormatException format && UnsupportedFormat().Match(format.Message) is { Success: true } kind)
            return $"字段 {field} 的值不是{Kind(kind.Groups["type"].Value)} (field '{field}' is not a valid {kind.Groups["type"].Value})";
        var conversion = Conversion().Match(json.Message);
        if (field is null && conversion.Success) return "请求内容应为 JSON 对象 (the body must be a JSON object)";
        if (field is not null && conversion.Success)
            return $"字段 {field} 的值不是{Kind(conversion.Groups["type"].Value)} (field '{field}' is not a valid {conversion.Groups["type"].Value})";
        if (field is not null && json.InnerException is null && json.Message.StartsWith("expected a string", StringComparison.Ordinal))
            return $"字段 {field} 的值不是文本 (field '{field}' must be a string)";
        return field is null
            ? "请求内容不是有效的 JSON (the body is not valid JSON)"
            : $"请求内容不是有效的 JSON,问题在字段 {field} (the body is not valid JSON at '{field}')";
    }

    /// <summary>"$.figures.a" → "figures"; "$['a b']" → "a b"; at most 50 characters.</summary>
    private static string FirstField(string path)
    {
        var rest = path[1..].TrimStart('.');
        var name = rest.StartsWith("['", StringComparison.Ordinal) ? rest[2..Math.Max(2, rest.IndexOf("']", StringComparison.Ordinal))] : rest.Split('.', '[')[0];
        name = new string(name.Where(c => !char.IsControl(c)).Take(50).ToArray());
        return name.Length == 0 ? "(根)" : name;
    }

    private static string Kind(string type) => NullableOf().Replace(type.Replace("System.", ""), "$1") switch
    {
        "Decimal" or "Double" or "Single" or "decimal" or "double" => "数值",
        "Int32" or "Int64" or "int" or "long" => "整数",
        "DateOnly" => "日期 (YYYY-MM-DD)",
        "DateTimeOffset" or "DateTime" => "时间 (ISO 8601,带时区)",
        "Boolean" or "bool" => "true 或 false",
        "String" or "string" => "文本",
        var other when other.Contains("Dictionary") => "对象 (名称: 数值)",
        var other => $"有效的 {other}",
    };

    /// <summary>"Nullable<long>" and "Nullable`1[DateOnly]" → the inner type.</summary>
    [GeneratedRegex(@"^Nullable(?:<|`1\[)(.+?)[>\]]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from""")]
    private static partial Regex BindFailure();

    [GeneratedRegex(@"could not be converted to (?<type>.+?)\. Path")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"not in a supported (?<type>\w+) format")]
    private static partial Regex UnsupportedFormat();
}
