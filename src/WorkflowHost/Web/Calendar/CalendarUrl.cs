namespace WorkflowHost.Web.Calendar;

/// <summary>The absolute URL of a unit's calendar feed, as calendar apps need it.</summary>
public sealed class CalendarUrl(CalendarTokens tokens)
{
    public string For(HttpRequest request, long unitId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{CalendarTokens.UrlPath(unitId, tokens.For(unitId))}";
}
