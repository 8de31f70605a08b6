using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Files;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Api;

/// <summary>Assignments: list, read, and every action the pages offer.</summary>
public static class AssignmentApi
{
    public sealed record ReportBody(string? Text, Dictionary<string, decimal>? Figures);
    public sealed record ExtensionBody(DateOnly? Date, string? Reason);
    public sealed record NoteBody(string? Note);
    public sealed record ReasonBody(string? Reason);
    /// <summary>撤回: an optional note, and the assignment's <c>version</c> as read (optional; when given, a decision made
    /// meanwhile makes the 撤回 a 409 rather than taking back something else).</summary>
    public sealed record WithdrawBody(string? Note, int? Version);
    public sealed record HandDownBody(List<long>? UnitIds, DateOnly? Due, int? WorkdaysBefore, string? Note);

    public static void Map(RouteGroupBuilder api)
    {
        // No such assignment (404); an action the assignment's state does not allow now (409).
        var group = api.MapGroup("/assignments").WithTags("assignments")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (HttpContext http, AssignmentQueries queries, SearchText searchText, long? unitId, string? action, string? state, string? area,
            TrafficLight? light, int? task, string? q, CancellationToken cancel) =>
        {
            var user = User(http);
            var (search, problem) = searchText.Read(q);
            if (problem is not null) return ApiResults.Problem(StatusCodes.Status400BadRequest, problem, SearchText.Field);
            // Unit staff get their own unit whatever they ask for: the filter is a view, not a permission.
            var filter = new AssignmentFilter(user.IsWorkingGroup ? unitId : user.UnitId, action, state, area, light, task, WithChildren: !user.IsWorkingGroup, Search: search);
            return Results.Ok(await queries.ListAsync(filter, cancel));
        }).WithSummary("Assignments (a unit's own and the shares under them; all for the working group), with filters and a search (q: task number, words of the task, unit name or alias)")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id:long}", async (long id, HttpContext http, AssignmentQueries queries, DataAccess access, WorkflowRuntime runtime, CancellationToken cancel) =>
        {
            var user = User(http);
            switch (await access.AssignmentAsync(user, id, "view-assignment", cancel))
            {
                case Access.NotFound: return NotFound(id);
                case Access.Refused: return ApiResults.Forbidden("该承办任务");
            }
            var detail = (await queries.GetAsync(id, cancel))!;
            var children = await queries.ChildrenAsync(id, cancel);
            return TypedResults.Ok(new
            {
                assignment = detail.Summary,
                version = detail.Version,
                parentId = detail.Summary.ParentId,
                parent = detail.Parent is { } parent ? new { parent.Id, parent.UnitId, parent.UnitName, parent.Email } : null,
                children = children.Select(c => new { c.Id, c.UnitId, unit = c.UnitName, c.State, stateTitle = c.StateTitle, c.DueDate, c.Light }),
                task = new { detail.Task.No, detail.Task.Content, detail.Task.Action, detail.Task.ResponsibilityText, detail.Task.DeadlineText, detail.Task.ReportingCadence },
                workflow = new { detail.Definition.Id, detail.Definition.Version, detail.Definition.Title, mermaid = WorkflowStateMachine.ToMermaid(detail.Definition, detail.Summary.State) },
                permitted = detail.PermittedTriggers,
                currentPeriod = detail.CurrentPeriod,
                timeline = detail.JournalFor(user.IsWorkingGroup).Select(j => new { at = UnixTime.ToChinaTime(j.At), j.Actor, j.Event, title = ChineseTerms.Event(j.Event), j.FromState, j.ToState, j.Reason, j.Data }),
                reports = detail.Reports.Select(r => new { r.Id, r.Period, submittedAt = UnixTime.ToChinaTime(r.SubmittedAt), r.SubmittedBy, r.Text, r.Figures }),
                files = detail.Files.Select(f => new { f.Id, f.FileName, f.ContentType, f.Size, f.Purpose, uploadedAt = UnixTime.ToChinaTime(f.UploadedAt), f.UploadedBy, url = $"/api/files/{f.Id}" }),
                escalations = detail.EscalationsFor(user.IsWorkingGroup).Select(e => new { e.Id, e.Step, title = ChineseTerms.EscalationStep(e.Step), e.Status, raisedAt = UnixTime.ToChinaTime(e.RaisedAt), e.DecidedBy, proposalId = user.IsWorkingGroup ? e.ProposalId : null }),
            });
        }).WithSummary("One assignment with its timeline, reports, files, escalations and workflow");

        group.MapPost("/{id:long}/reports", async (long id, ReportBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.ReportAsync(User(http), id, body.Text, body.Figures, cancel)))
            .WithSummary("报送: a progress report (text and figures)");

        group.MapPost("/{id:long}/completion", async (long id, [FromForm] string? note, IFormFileCollection files, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.ApplyAsync(User(http), id, note, files.Select(IncomingFile.From).ToList(), cancel)))
            .AcceptsUploads().WithSummary("申请办结: multipart form with note and evidence files; needs the X-CSRF-TOKEN header from /api/antiforgery");

        group.MapPost("/{id:long}/extension", async (long id, ExtensionBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.RequestExtensionAsync(User(http), id, body.Date, body.Reason, [], cancel)))
            .WithSummary("申请延期: a later date and a reason");

        group.MapPost("/{id:long}/approval", async (long id, NoteBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.ApproveAsync(User(http), id, body.Note, cancel)))
            .WithSummary("审核通过(销号) / 确认办结: whoever reviews the assignment (the parent unit for a child, the working group always)");

        group.MapPost("/{id:long}/rejection", async (long id, ReasonBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.RejectAsync(User(http), id, body.Reason, cancel)))
            .WithSummary("退回 with a reason: whoever reviews the assignment");

        group.MapPost("/{id:long}/extension/approval", async (long id, NoteBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.ApproveExtensionAsync(User(http), id, body.Note, cancel)))
            .WithSummary("批准延期: whoever reviews the assignment (within the parent's own deadline)");

        group.MapPost("/{id:long}/extension/refusal", async (long id, ReasonBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.RefuseExtensionAsync(User(http), id, body.Reason, cancel)))
            .WithSummary("不予延期 with a reason: whoever reviews the assignment");

        group.MapPost("/{id:long}/withdrawal", async (long id, WithdrawBody? body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.WithdrawAsync(User(http), id, body?.Note, body?.Version, cancel)))
            .WithSummary("撤回: the unit takes back its own pending 办结申请 or 延期申请 before it is decided (409 once decided, or when version is given and the assignment changed since)");

        group.MapPost("/{id:long}/sign-off/withdrawal", async (long id, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.WithdrawDraftAsync(User(http), id, cancel)))
            .WithSummary("撤回草稿: the unit's clerk takes back its draft still waiting for the leader's 签发 (409 once signed or returned)");

        MapTrees(group);
        MapSignOff(api, group);
    }

    /// <summary>签发: a clerk's sends wait as drafts (202) for the unit leader, who signs or returns them.</summary>
    private static void MapSignOff(RouteGroupBuilder api, RouteGroupBuilder group)
    {
        group.MapPost("/{id:long}/sign-off", async (long id, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.SignOffAsync(User(http), id, cancel)))
            .WithSummary("签发: the unit leader sends the clerk's pending draft on this assignment (as the leader; the clerk is recorded as 拟稿)");

        group.MapPost("/{id:long}/sign-off/refusal", async (long id, ReasonBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.RefuseSignOffAsync(User(http), id, body.Reason, cancel)))
            .WithSummary("签发退回: the unit leader returns the pending draft to the clerk with a reason; nothing is sent");

        api.MapGet("/sign-offs", async (HttpContext http, SignOffDesk desk, string? status, CancellationToken cancel) =>
        {
            var user = User(http);
            if (user.UnitId is not { } unit) return ApiResults.Problem(StatusCodes.Status403Forbidden, "待签发只属于单位:专班不签发单位的草稿");
            if (status is not (null or "pending" or "returned"))
                return ApiResults.Problem(StatusCodes.Status400BadRequest, "status 只能是 pending(待签发)或 returned(已退回)", "status");
            return TypedResults.Ok(await desk.ListAsync(unit, status != "returned", cancel));
        }).WithTags("assignments").WithSummary("The unit's drafts: pending (待签发, the default) or returned (退回或未能发出), for its leader and clerks");
    }

    private static void MapTrees(RouteGroupBuilder group)
    {
        group.MapPost("/{id:long}/handdown", async (long id, HandDownBody body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
        {
            var outcome = await actions.HandDownAsync(User(http), id, body.UnitIds, body.Due, body.WorkdaysBefore, body.Note, cancel);
            return outcome.Succeeded ? TypedResults.Ok(new { children = outcome.Created, message = outcome.Message }) : ApiResults.From(outcome);
        }).WithSummary("下达: hand the assignment down to sub-units (unitIds from /api/units) with an internal deadline (due, or workdaysBefore one's own) and a note; answers the new children's ids");

        group.MapPost("/{id:long}/reminder", async (long id, NoteBody? body, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.UrgeAsync(User(http), id, body?.Note, cancel)))
            .WithSummary("催办: the parent's unit (or the working group) sends the share's unit a reminder mail at once; once a day per share");
    }

    internal static CurrentUser User(HttpContext http) =>
        CurrentUser.From(http.User) ?? throw new InvalidOperationException("an authorized endpoint ran without a known user");

    private static IResult NotFound(long id) => ApiResults.Problem(StatusCodes.Status404NotFound, $"没有编号为 {id} 的承办任务 (no assignment {id})");
}
