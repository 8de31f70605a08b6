using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Web.Clock;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Api;

/// <summary>The product's clock: where it stands, and (administrators, virtual clock only) moving it forward.</summary>
public static class ClockApi
{
    public sealed record AdvanceBody(DateTimeOffset? To, int? Days);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/clock", (ClockControl clock) => TypedResults.Ok(new
        {
            now = clock.Now,
            isVirtual = clock.IsVirtual,
            speed = clock.Virtual?.Speed,
        })).WithTags("clock").WithSummary("The product's time (virtual or real)");

        api.MapPost("/clock/advance", async (AdvanceBody body, HttpContext http, ClockControl clock, AuditLog audit, CancellationToken cancel) =>
        {
            var user = AssignmentApi.User(http);
            var (target, badDays) = body.To is { } to ? (to, null) : body.Days is { } days ? ClockMove.ByDays(clock.Now, days) : (null, null);
            if (badDays is not null) return ApiResults.Problem(StatusCodes.Status400BadRequest, $"字段 days:{badDays}");
            if (target is null) return ApiResults.Problem(StatusCodes.Status400BadRequest, "请给出 to(调整到的时间)或 days(前进天数)");
            var (fired, refusal) = await clock.AdvanceToAsync(target.Value, cancel);
            await audit.WriteAsync(user, "advance-clock", target.Value.ToString("O"), refusal is null ? AuditLog.Done : AuditLog.Refused, refusal ?? $"{fired} timers fired", cancel);
            return refusal is null
                ? TypedResults.Ok(new { now = clock.Now, fired })
                : ApiResults.Problem(StatusCodes.Status409Conflict, refusal);
        }).RequireAuthorization(WebRoles.AdministratorPolicy).WithTags("clock").WithSummary("Advance the virtual clock (administrators)");
    }
}
