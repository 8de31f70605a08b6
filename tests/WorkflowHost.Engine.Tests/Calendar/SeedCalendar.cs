using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Engine.Tests.Calendar;

/// <summary>The real seed files, loaded once for all calendar tests.</summary>
internal static class SeedCalendar
{
    private static readonly Lazy<WorkingCalendar> Loaded = new(() => WorkingCalendar.Load(TestPaths.CalendarDirectory));

    public static WorkingCalendar Statutory => Loaded.Value;

    public static IEnumerable<CalendarYear> YearFiles =>
        Directory.GetFiles(TestPaths.CalendarDirectory, "*.json").Order().Select(CalendarYearFile.Read);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");
}
