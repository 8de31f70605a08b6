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
        if (context.Request.ContentLength > max)
        {
            await RefuseAsync(context, max);
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
            await RefuseAsync(context, max);
    });

    /// <summary>The 413, saying the limit: for an upload endpoint the files and their sizes, else the bytes.</summary>
    private static Task RefuseAsync(HttpContext context, long max)
    {
        var isUpload = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null;
        var web = context.RequestServices.GetRequiredService<WebOptions>();
        var message = isUpload
            ? $"提交的内容过大:一次最多上传 {EvidenceStore.MaxFilesPerSubmission} 个文件,每个不超过 {web.MaxUploadMegabytes} MB(合计不超过 {max / 1024 / 1024} MB);请减少或压缩文件后重新提交"
            : $"提交的内容过大:此处最多接受 {max / 1024} KB";
        // Closing the connection after the answer spares reading (and the client sending) the rest of the body.
        context.Response.Headers.Connection = "close";
        return RefusalAnswer.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "提交的内容过大", message, ("/", "回到首页"));
    }
}
