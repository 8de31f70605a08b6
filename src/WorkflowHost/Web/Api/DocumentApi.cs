using System.Text.RegularExpressions;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Exports;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Api;

/// <summary>The generated official documents: 督办函/通报/约谈通知/曝光 of an escalation (its unit, or the working
/// group) and the monthly 简报 (the working group). The links in the mails point here too.</summary>
public static partial class DocumentApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/escalations/{id:long}/document", async (long id, HttpContext http, DataAccess access, DocumentService documents, AuditLog audit, CancellationToken cancel) =>
        {
            var user = AssignmentApi.User(http);
            switch (await access.EscalationAsync(user, id, "download-document", cancel))
            {
                case Access.NotFound: return ApiResults.Problem(StatusCodes.Status404NotFound, $"没有编号为 {id} 的督办措施 (no escalation {id})");
                case Access.Refused: return ApiResults.Forbidden("该督办措施");
            }
            // A draft awaiting the working group's approval (or withdrawn before it) stays with the working group, and so
            // does a 函告 until it goes out, numbered, in its unit's letter of the day.
            if (!user.IsWorkingGroup && (await documents.EscalationFactsAsync(id, cancel)) is not { Status: EscalationStatuses.Issued, Number: not null })
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"编号为 {id} 的督办措施尚未印发 (escalation {id} is not issued)");
            var document = await documents.EscalationAsync(id, cancel);
            if (document is null) return ApiResults.Problem(StatusCodes.Status404NotFound, $"没有编号为 {id} 的督办措施 (no escalation {id})");
            await audit.WriteAsync(user, "download-document", $"escalation:{id}", AuditLog.Done, cancel: cancel);
            return TypedResults.File(document.Content, document.ContentType, document.FileName);
        }).WithTags("documents").WithSummary("督办函/通报/约谈通知 (.docx) of an escalation: its unit's, or any for the working group");

        api.MapGet("/briefings/{month}/document", async (string month, HttpContext http, DocumentService documents, WorkingCalendar calendar, AuditLog audit, CancellationToken cancel) =>
        {
            if (!MonthPattern().IsMatch(month)) return ApiResults.Problem(StatusCodes.Status400BadRequest, $"月份 '{month}' 格式应为 YYYY-MM (month must be YYYY-MM)");
            // A month of a year the calendar does not cover can have no briefing: the engine never ran then.
            if (!calendar.Years.Contains(int.Parse(month[..4], System.Globalization.CultureInfo.InvariantCulture)))
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"没有 {month} 的简报:工作日历只覆盖 {calendar.Years[0]}–{calendar.Years[^1]} 年");
            var document = await documents.BriefingAsync(month, cancel);
            if (document is null) return ApiResults.Problem(StatusCodes.Status404NotFound, $"{month} 的简报尚未生成 (no briefing for {month} yet)");
            await audit.WriteAsync(AssignmentApi.User(http), "download-briefing", $"briefing:{month}", AuditLog.Done, cancel: cancel);
            return TypedResults.File(document.Content, document.ContentType, document.FileName);
        }).RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("documents").WithSummary("月度简报 (.docx): working group");
    }

    /// <summary>The 简报 desk (the working group): rewrite a draft's summary, issue it (印发: its 期号, then its mail).</summary>
    public static void MapBriefingDesk(RouteGroupBuilder api)
    {
        api.MapPut("/briefings/{month}/summary", async (string month, BriefingSummaryInput input, HttpContext http, BriefingDesk desk, AuditLog audit, CancellationToken cancel) =>
        {
            if (!MonthPattern().IsMatch(month)) return ApiResults.Problem(StatusCodes.Status400BadRequest, "月份 month 格式应为 YYYY-MM (month must be YYYY-MM)", "month");
            var problem = await desk.SaveSummaryAsync(month, input.Summary, cancel);
            await audit.WriteAsync(AssignmentApi.User(http), "edit-briefing", $"briefing:{month}", problem is null ? AuditLog.Done : AuditLog.Refused, problem, cancel);
            return problem is null ? Results.NoContent() : ApiResults.Problem(StatusCodes.Status400BadRequest, problem, "summary");
        }).RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("documents").WithSummary("简报: rewrite a draft's summary paragraph {summary}: working group");

        api.MapPost("/briefings/{month}/issue", async (string month, HttpContext http, BriefingDesk desk, AuditLog audit, CancellationToken cancel) =>
        {
            if (!MonthPattern().IsMatch(month)) return ApiResults.Problem(StatusCodes.Status400BadRequest, "月份 month 格式应为 YYYY-MM (month must be YYYY-MM)", "month");
            var (number, problem) = await desk.IssueAsync(month, cancel);
            await audit.WriteAsync(AssignmentApi.User(http), "issue-briefing", $"briefing:{month}", problem is null ? AuditLog.Done : AuditLog.Refused, problem ?? number, cancel);
            return problem is null ? Results.Ok(new { month, number }) : ApiResults.Problem(StatusCodes.Status400BadRequest, problem, "month");
        }).RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("documents").WithSummary("简报: issue (印发) — the year's next 期号, once, then its mail: working group");
    }

    public sealed record BriefingSummaryInput(string? Summary);

    /// <summary>发文登记: every issued document with its number (the working group), as JSON or as an .xlsx.</summary>
    public static void MapRegister(RouteGroupBuilder api)
    {
        api.MapGet("/documents", async (string? kind, string? year, string? q, DocumentRegisterQueries register, SearchText searchText, CancellationToken cancel) =>
        {
            if (RegisterFilter(kind, year, out var y) is { } refusal) return refusal;
            if (RegisterSearch(searchText, q, out var search) is { } refused) return refused;
            var (lines, _) = await register.ListAsync(kind, y, limit: null, cancel, search);
            return Results.Ok(lines.Select(d => new
            {
                number = d.Number, kind = d.Kind, issuedAt = d.IssuedAt, title = d.Title, recipients = d.Recipients,
                assignmentIds = d.AssignmentIds, approvedBy = d.ApprovedBy,
            }));
        }).RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("documents")
            .WithSummary("发文登记: issued documents with their numbers (kind = letter|circular|summons|exposure|briefing, year = YYYY, q = search): working group");

        api.MapGet("/documents/export", async (string? kind, string? year, string? q, DocumentRegisterQueries register, SearchText searchText, CancellationToken cancel) =>
        {
            if (RegisterFilter(kind, year, out var y) is { } refusal) return refusal;
            if (RegisterSearch(searchText, q, out var search) is { } refused) return refused;
            var (lines, _) = await register.ListAsync(kind, y, limit: null, cancel, search);
            var title = $"发文登记{(y is { } n ? $"（{n}年）" : "")}{(kind is null ? "" : "·" + DocumentKinds.Title(kind))}";
            var workbook = OfficeWorkbook.Build(new OfficeSheet("发文登记", title, DocumentRegisterQueries.ExportHeaders,
                lines.Select(DocumentRegisterQueries.ExportRow).ToList(), [26, 10, 48, 36, 18, 16, 20]));
            return TypedResults.File(workbook, OfficeWorkbook.ContentType, $"发文登记{(y is { } m ? "-" + m : "")}.xlsx");
        }).RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("documents").WithSummary("发文登记 as .xlsx: working group");
    }

    /// <summary>The register's filters: a known kind, a year of four digits (<see cref="DocumentRegisterQueries.FilterProblem"/>);
    /// a refusal names the field.</summary>
    public static IResult? RegisterFilter(string? kind, string? year, out int? parsed)
    {
        // Not four digits reads as out of range: the same refusal as a year the register cannot hold.
        parsed = year is null ? null : YearPattern().IsMatch(year) ? int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) : -1;
        return DocumentRegisterQueries.FilterProblem(kind, parsed) is var (field, problem)
            ? ApiResults.Problem(StatusCodes.Status400BadRequest, problem, field)
            : null;
    }

    /// <summary>The register's search box (<see cref="SearchText"/>); a refusal names the field.</summary>
    private static IResult? RegisterSearch(SearchText searchText, string? q, out BoardSearch? search)
    {
        (search, var problem) = searchText.Read(q);
        return problem is null ? null : ApiResults.Problem(StatusCodes.Status400BadRequest, problem, SearchText.Field);
    }

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearPattern();

    /// <summary>The addresses the mails link to, as pages people land on.</summary>
    public static void MapMailLinks(WebApplication app)
    {
        app.MapGet("/briefings/{month}", (string month) => Results.Redirect($"/api/briefings/{Uri.EscapeDataString(month)}/document"))
            .RequireAuthorization(WebRoles.WorkingGroupPolicy).ExcludeFromDescription();
        // The digest's link names the task it is about; the queue opens filtered to it.
        app.MapGet("/escalations", (string? task, string? step) =>
            {
                var parts = new List<string>();
                if (int.TryParse(task, out var no) && no is > 0 and <= 9999) parts.Add($"task={no}");
                if (step is not null && Engine.Workflows.EscalationSteps.IsKnown(step)) parts.Add($"step={step}");
                return Results.Redirect("/board/proposals" + (parts.Count > 0 ? "?" + string.Join("&", parts) : ""));
            })
            .RequireAuthorization(WebRoles.WorkingGroupPolicy).ExcludeFromDescription();
        app.MapGet("/outbox", () => Results.Redirect("/board/outbox?status=failed"))
            .RequireAuthorization(WebRoles.WorkingGroupPolicy).ExcludeFromDescription();
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}
