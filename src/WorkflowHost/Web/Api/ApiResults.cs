using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Actions;

namespace WorkflowHost.Web.Api;

public static class ApiResults
{
    public static IResult From(ActionOutcome outcome) => outcome switch
    {
        { HeldForSignOff: true } => TypedResults.Json(new { state = outcome.NewState, message = outcome.Message, signOff = SignOffStatus.Pending }, statusCode: outcome.HttpStatus),
        { Succeeded: true } => TypedResults.Ok(new { state = outcome.NewState, message = outcome.Message }),
        _ => Problem(outcome.HttpStatus, outcome.Message),
    };

    public static IResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>A problem about one field of the request: the field is named in <c>errors</c>, as validation problems do.</summary>
    public static IResult Problem(int status, string detail, string? field) => field is null
        ? Problem(status, detail)
        : TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public static IResult Forbidden(string what) => Problem(StatusCodes.Status403Forbidden, $"无权访问{what} (this belongs to another unit)");
}
