using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Api;

/// <summary>The working group's views and decisions: dashboard, ranking, escalations.</summary>
public static class WorkingGroupApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", async (DashboardQueries queries, long? unitId, string? action, string? state, string? area, CancellationToken cancel) =>
        {
            var board = await queries.GetAsync(new AssignmentFilter(unitId, action, state, area), cancel);
            return TypedResults.Ok(new
            {
                total = board.Total,
                overdueTotal = board.OverdueCount,
                byState = board.ByState.Select(s => new { state = s.Title, count = s.Count }),
                byLight = board.ByLight.ToDictionary(l => l.Key.ToString().ToLowerInvariant(), l => l.Value),
                overdue = board.Overdue, // the first DashboardQueries.OverduePage lines, oldest due date first
                awaitingReview = board.AwaitingReview,
                escalationsAwaiting = board.EscalationsAwaiting.Select(e => new { e.Id, e.Step, title = ChineseTerms.EscalationStep(e.Step), e.RaisedAt, assignmentId = e.Assignment.Id, e.Assignment.UnitName, e.Assignment.TaskNo }),
                ranking = board.Ranking,
            });
        }).RequireAuthorization(WebRoles.WorkingGroupPolicy).WithTags("working group").WithSummary("专班看板: counts, overdue, awaiting review, escalations, ranking");

        api.MapPost("/escalations/{id:long}/approval", async (long id, HttpContext http, AssignmentActions actions, CancellationToken cancel) =>
            ApiResults.From(await actions.ApproveEscalationAsync(AssignmentApi.User(http), id, cancel)))
            .WithTags("working group").WithSummary("批准督办措施 (通报, 约谈): working group");
    }
}
