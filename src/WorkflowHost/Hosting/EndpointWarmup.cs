namespace WorkflowHost.Hosting;

public static class EndpointWarmup
{
    /// <summary>
    /// Builds the app's endpoints (the Razor pages found in the assembly, the API's and the downloads' routes) on a
    /// thread-pool thread while the server and the schedulers start: ASP.NET Core builds them lazily, so otherwise the
    /// first request waits for them (most of what it took to answer). The data sources build once, under their own
    /// lock, so the first request finds them built or waits for the build under way. A failure is left to the first
    /// request, which builds them again and reports the error where it belongs.
    /// </summary>
    public static void WarmEndpointsInBackground(this WebApplication app) => _ = Task.Run(() =>
    {
        try
        {
            foreach (var source in ((IEndpointRouteBuilder)app).DataSources) _ = source.Endpoints;
        }
        catch (Exception)
        {
            // Reported by the first request (see above).
        }
    });
}
