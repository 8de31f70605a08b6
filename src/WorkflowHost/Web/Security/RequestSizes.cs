using System.Net.Mime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WorkflowHost.Web.Files;

namespace WorkflowHost.Web.Security;

/// <summary>
/// How large a request body may be: small everywhere (a JSON command or a page form holds at most a few pages of text
/// and fifty figures), large only where evidence files are uploaded, and exactly large enough there for the documented
/// limit (<see cref="WebOptions.MaxUploadMegabytes"/> per file × <see cref="EvidenceStore.MaxFilesPerSubmission"/>
/// files) to be reachable. A body declared larger than its endpoint allows is refused before it is read, with a 413
/// that says in Chinese what the limit is: problem details on the API, a page for a browser form.
/// </summary>
public static class RequestSizes
{
    /// <summary>Every body except uploads: 10,000 characters of report text in URL or JSON escapes fit several times.</summary>
    public const long DefaultBytes = 512 * 1024;

    /// <summary>All files of one submission at their largest, plus a megabyte for the other fields and multipart framing.</summary>
    public static long UploadBytes(WebOptions web) => (web.MaxUploadMegabytes * (long)EvidenceStore.MaxFilesPerSubmission + 1) * 1024 * 1024;

    /// <summary>Endpoint metadata raising the limit to <see cref="UploadBytes"/>: for the endpoints that take files.</summary>
    public static RequestSizeLimitAttribute Upload(WebOptions web) => new(UploadBytes(web));

    /// <summary>Marks an API endpoint as taking evidence files (see <see cref="Upload"/>).</summary>
    public static TBuilder AcceptsUploads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(Upload(endpoint.ApplicationServices.GetRequiredService<WebOptions>())));
        return builder;
    }

    public static void Configure(KestrelServerOptions kestrel) => kestrel.Limits.MaxRequestBodySize = DefaultBytes;

    public static void Configure(WebOptions web, FormOptions form) => form.MultipartBodyLengthLimit = UploadBytes(web);

    /// <summary>After routing (which applies the endpoint's own limit): refuse a declared length over that limit.</summary>
    public static IApplicationBuilder UseRequestSizeRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature ? feature.MaxRequestBodySize : null;
        if (limit is not { } max)
        {
            await next();
            return;
        }
        var isUpload = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null;
        var message = Message(context.RequestServices.GetRequiredService<WebOptions>(), isUpload, max);
        if (context.Request.ContentLength > max)
        {
            await RefuseAsync(context, message);
            return;
        }
        // A body sent without its length (chunked) is cut by the server once it passes the limit: the same answer.
        try
        {
            await next();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Clear();
        }
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            await RefuseAsync(context, message);
    });

    private static string Message(WebOptions web, bool isUpload, long max) => isUpload
        ? $"提交的内容过大:一次最多上传 {EvidenceStore.MaxFilesPerSubmission} 个文件,每个不超过 {web.MaxUploadMegabytes} MB(合计不超过 {max / 1024 / 1024} MB)"
        : $"提交的内容过大:此处最多接受 {max / 1024} KB";

    private static async Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // Closing the connection after the answer spares reading (and the client sending) the rest of the body.
        context.Response.Headers.Connection = "close";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "提交的内容过大", Detail = message },
            });
            return;
        }
        context.Response.ContentType = MediaTypeNames.Text.Html + "; charset=utf-8";
        var encoded = System.Net.WebUtility.HtmlEncode(message);
        await context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>提交的内容过大</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main><h1>提交的内容过大</h1><p>{encoded}</p><p>请返回上一页,减少或压缩文件后重新提交。<a href=\"/\">回到首页</a></p></main></body></html>");
    }
}
