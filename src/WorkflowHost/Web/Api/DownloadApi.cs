using WorkflowHost.Web.Calendar;
using WorkflowHost.Web.Exports;
using WorkflowHost.Web.Files;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Api;

/// <summary>Evidence files, the ledger (.xlsx) and the calendar feed (.ics).</summary>
public static class DownloadApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/files/{id:long}", (long id, HttpContext http, EvidenceStore store, DataAccess access, AuditLog audit, CancellationToken cancel) =>
            ServeFileAsync(id, preview: false, http, store, access, audit, cancel))
            .WithTags("files").WithSummary("An evidence file (the unit's own, or any for the working group)");
        api.MapGet("/files/{id:long}/preview", (long id, HttpContext http, EvidenceStore store, DataAccess access, AuditLog audit, CancellationToken cancel) =>
            ServeFileAsync(id, preview: true, http, store, access, audit, cancel))
            .WithTags("files").WithSummary("An evidence file shown in the browser (PDF, PNG, JPEG: inline, sandboxed); any other type downloads");

        api.MapGet("/ledger.xlsx", async (HttpContext http, AssignmentQueries queries, LedgerQueries ledger, AuditLog audit, SearchText searchText,
            long? unit, string? action, string? state, string? area, int? task, int? plan, string? q, CancellationToken cancel) =>
        {
            var user = AssignmentApi.User(http);
            // The view the person was looking at: the board's filters and search (a unit's own rows whatever it asks).
            var (search, problem) = searchText.Read(q);
            if (problem is not null) return ApiResults.Problem(StatusCodes.Status400BadRequest, problem, SearchText.Field);
            var filter = user.IsWorkingGroup ? new AssignmentFilter(unit, action, state, area, null, task, Search: search, PlanYear: plan)
                : new AssignmentFilter(user.UnitId, Search: search);
            var rows = await queries.ListAsync(filter, cancel);
            var title = user.IsWorkingGroup ? "安全生产治本攻坚三年行动重点任务台账" : $"{user.DisplayName.Replace("联络员", "").Replace("负责人", "")} 承办任务台账";
            await audit.WriteAsync(user, "export-ledger", null, AuditLog.Done, $"{rows.Count} rows", cancel);
            return Results.File(LedgerWorkbook.Build(title, await ledger.LinesAsync(rows, cancel)), OfficeWorkbook.ContentType, $"台账-{queries.Today:yyyyMMdd}.xlsx");
        }).WithTags("files").WithSummary("台账 as .xlsx (a unit's own rows; all for the working group), under the board's filters and search (q)");

        api.MapGet("/ranking.xlsx", async (HttpContext http, DashboardQueries board, AssignmentQueries queries, AuditLog audit, SearchText searchText,
            long? unit, string? action, string? state, string? area, int? task, int? plan, string? q, CancellationToken cancel) =>
        {
            var (search, problem) = searchText.Read(q);
            if (problem is not null) return ApiResults.Problem(StatusCodes.Status400BadRequest, problem, SearchText.Field);
            var ranking = await board.RankingAsync(new AssignmentFilter(unit, action, state, area, null, task, Search: search, PlanYear: plan), cancel);
            await audit.WriteAsync(AssignmentApi.User(http), "export-ranking", null, AuditLog.Done, $"{ranking.All.Count()} units", cancel);
            return Results.File(RankingWorkbook.Build($"重点任务落实情况晾晒表({queries.Today:yyyy年M月d日})", ranking), OfficeWorkbook.ContentType, $"晾晒-{queries.Today:yyyyMMdd}.xlsx");
        }).RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("files").WithSummary("晾晒 as .xlsx: 省直部门(单位), 市州 and 县区 ranked apart, under the board's filters and search (q)");
    }

    /// <summary>An evidence file after the access check and the audit line. A preview of a PDF or an image is sent inline
    /// under a sandboxing content policy (no script, no form, no same-origin rights even if the file holds any) with the
    /// type we checked on upload and no sniffing; anything else, and every download, goes as an attachment.</summary>
    private static async Task<IResult> ServeFileAsync(long id, bool preview, HttpContext http, EvidenceStore store, DataAccess access, AuditLog audit, CancellationToken cancel)
    {
        var user = AssignmentApi.User(http);
        var file = await store.FindAsync(id, cancel);
        switch (await access.FileAsync(user, file, id, cancel))
        {
            case Access.NotFound: return ApiResults.Problem(StatusCodes.Status404NotFound, $"没有编号为 {id} 的文件 (no file {id})");
            case Access.Refused: return ApiResults.Forbidden("该文件");
        }
        var inline = preview && EvidenceFileTypes.Previewable(file!.ContentType);
        await audit.WriteAsync(user, inline ? "preview-file" : "download-file", $"file:{id}", AuditLog.Done, cancel: cancel);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (!inline) return TypedResults.File(store.Open(file!), file!.ContentType, file.FileName);
        http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.SandboxedPolicy;
        http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = "preview" + Path.GetExtension(file!.FileName) }.ToString()
            + "; filename*=UTF-8''" + Uri.EscapeDataString(file.FileName);
        return TypedResults.File(store.Open(file), file.ContentType);
    }

    /// <summary>The calendar feed: no sign-in (calendar apps cannot), the secret token instead.</summary>
    public static void MapCalendar(WebApplication app)
    {
        app.MapGet("/calendar/{unitId:long}/{token}.ics", async (long unitId, string token, CalendarTokens tokens, UnitCalendarFeed feed, CancellationToken cancel) =>
        {
            if (!tokens.Matches(unitId, token)) return Results.NotFound();
            var text = await feed.BuildAsync(unitId, cancel);
            return text is null ? Results.NotFound() : Results.Text(text, "text/calendar; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
