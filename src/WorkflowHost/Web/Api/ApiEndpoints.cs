namespace WorkflowHost.Web.Api;

/// <summary>REST under /api for everything the pages do, with the same authorization; errors are problem details.
/// The OpenAPI document is at /openapi/v1.json.</summary>
public static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        // Every API operation may answer these problems (unreadable input, not signed in, not allowed); the document says so.
        var api = app.MapGroup("/api").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        SessionApi.Map(api);
        AssignmentApi.Map(api);
        UnitApi.Map(api);
        WorkingGroupApi.Map(api);
        ProposalApi.Map(api);
        DownloadApi.Map(api);
        DocumentApi.Map(api);
        DocumentApi.MapRegister(api);
        DocumentApi.MapBriefingDesk(api);
        ClockApi.Map(api);
    }

    public static void MapDownloads(this WebApplication app)
    {
        DownloadApi.MapCalendar(app);
        DocumentApi.MapMailLinks(app);
    }
}
