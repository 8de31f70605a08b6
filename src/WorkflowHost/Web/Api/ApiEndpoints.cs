namespace WorkflowHost.Web.Api;

/// <summary>REST under /api for everything the pages do, with the same authorization; errors are problem details.
/// The OpenAPI document is at /openapi/v1.json.</summary>
public static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        SessionApi.Map(api);
        AssignmentApi.Map(api);
        WorkingGroupApi.Map(api);
        DownloadApi.Map(api);
        DocumentApi.Map(api);
        ClockApi.Map(api);
    }

    public static void MapDownloads(this WebApplication app)
    {
        DownloadApi.MapCalendar(app);
        DocumentApi.MapMailLinks(app);
    }
}
