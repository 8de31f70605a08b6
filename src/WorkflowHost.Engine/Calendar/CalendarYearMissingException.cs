namespace WorkflowHost.Engine.Calendar;

/// <summary>
/// A question about a day in a year for which no State Council notice is loaded.
/// Working days cannot be inferred from weekdays alone (make-up Sundays, long breaks), so the calendar refuses to answer.
/// </summary>
public sealed class CalendarYearMissingException(int year, IReadOnlyList<int> loadedYears)
    : Exception($"no statutory calendar for {year}; loaded years: {string.Join(", ", loadedYears)}")
{
    public int Year { get; } = year;
    public IReadOnlyList<int> LoadedYears { get; } = loadedYears;
}
