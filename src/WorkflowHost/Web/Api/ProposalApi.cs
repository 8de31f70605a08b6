using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Escalations;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Api;

/// <summary>The working group's queue of proposals (拟通报, 拟约谈 …) and its decisions, as on /board/proposals.</summary>
public static class ProposalApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/proposals").RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("working group");

        group.MapGet("", async (string? step, int? task, long? unit, string? area, string? status, int? page, ProposalQueries proposals, CancellationToken cancel) =>
        {
            var filter = new ProposalFilter(step, task, unit, area, status, page ?? 1);
            if (filter.Problem() is var (field, problem)) return ApiResults.Problem(StatusCodes.Status400BadRequest, problem, field);
            var queue = await proposals.PageAsync(filter, cancel);
            return Results.Ok(new
            {
                total = queue.Total, unitsNamed = queue.UnitsNamed, page = queue.Page, pageCount = queue.PageCount, pageSize = ProposalPage.PageSize,
                items = queue.Lines.Select(p => new
                {
                    id = p.Id, step = p.Step, title = p.Title, taskNo = p.TaskNo, issuer = p.Issuer, day = p.Day, status = p.Status, statusTitle = p.StatusTitle,
                    number = p.Number, decidedBy = p.DecidedBy, decidedAt = p.DecidedAt, reason = p.Reason,
                    units = p.Members.Select(m => new
                    {
                        escalationId = m.EscalationId, assignmentId = m.AssignmentId, unitId = m.UnitId, unitName = m.UnitName, status = m.Status,
                        statusTitle = m.StatusTitle, dueDate = m.DueDate, overdueDays = m.OverdueDays, missedReports = m.MissedReports,
                    }),
                }),
            });
        }).WithSummary("督办措施待批准: proposals by step, task, unit, area, status (awaiting|issued|refused|withdrawn|all), 20 a page");

        group.MapPost("/decisions", async (ProposalDecisionInput input, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            input.Decision is "approve" or "refuse"
                ? ApiResults.From(await actions.DecideProposalsAsync(AssignmentApi.User(http), input.Ids ?? [], input.Decision == "approve", input.Reason, cancel))
                : ApiResults.Problem(StatusCodes.Status400BadRequest, "决定 decision 须为 approve(批准印发)或 refuse(不予印发) (decision must be approve or refuse)", "decision"))
            .WithSummary("决定多项: {ids, decision: approve|refuse, reason} — all or none");

        group.MapPost("/{id:long}/approval", async (long id, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.DecideProposalsAsync(AssignmentApi.User(http), [id], approve: true, reason: null, cancel)))
            .WithSummary("批准印发: one document, one number, every unit still named");

        group.MapPost("/{id:long}/refusal", async (long id, ProposalRefusalInput input, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.DecideProposalsAsync(AssignmentApi.User(http), [id], approve: false, input.Reason, cancel)))
            .WithSummary("不予印发 {reason}");

        group.MapPost("/{id:long}/struck", async (long id, ProposalStrikeInput input, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.StrikeFromProposalAsync(AssignmentApi.User(http), id, input.EscalationIds ?? [], cancel)))
            .WithSummary("移出名单 {escalationIds}: at least one unit stays");

        group.MapGet("/{id:long}/document", async (long id, HttpContext http, IDbContextFactory<WorkflowDbContext> contexts, DocumentService documents, AuditLog audit, CancellationToken cancel) =>
        {
            long? member;
            await using (var db = await contexts.CreateDbContextAsync(cancel))
                member = await db.Escalations.Where(e => e.ProposalId == id).OrderBy(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancel);
            if (member is null || await documents.EscalationAsync(member.Value, cancel) is not { } document)
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"没有编号为 {id} 的拟办督办措施 (no proposal {id})");
            await audit.WriteAsync(AssignmentApi.User(http), "download-document", $"proposal:{id}", AuditLog.Done, cancel: cancel);
            return TypedResults.File(document.Content, document.ContentType, document.FileName);
        }).WithSummary("The proposal's document (.docx): 送审稿 while awaiting, as issued once approved");
    }

    public sealed record ProposalDecisionInput(List<long>? Ids, string? Decision, string? Reason);
    public sealed record ProposalRefusalInput(string? Reason);
    public sealed record ProposalStrikeInput(List<long>? EscalationIds);
}
