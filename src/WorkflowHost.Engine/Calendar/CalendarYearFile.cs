using System.Text.Json;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Calendar;

/// <summary>
/// Reads one seed file (seed-data/calendar/YYYY.json). Any problem is reported as a
/// <see cref="PlanFormatException"/> whose message starts with the file path.
/// </summary>
public static class CalendarYearFile
{
    // Strict: a misspelt property ("makeupWorkdays") must fail loudly rather than silently yield a year without make-up days.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Strict)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static CalendarYear Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PlanFormatException($"{path}: cannot read the calendar file: {ex.Message}");
        }
        return Parse(json, path);
    }

    /// <param name="origin">Where the text came from (a path), used as the prefix of every error message.</param>
    public static CalendarYear Parse(string json, string origin)
    {
        YearFile file;
        try
        {
            file = JsonSerializer.Deserialize<YearFile>(json, Options)
                ?? throw new PlanFormatException($"{origin}: the file holds null instead of a calendar year");
        }
        catch (JsonException ex)
        {
            throw new PlanFormatException($"{origin}: not a valid calendar file: {ex.Message}");
        }

        if (file.TimeZone != ChinaTime.ZoneId)
            throw new PlanFormatException($"{origin}: time zone '{file.TimeZone}' is not supported; statutory calendars are in {ChinaTime.ZoneId}");

        // The file name is how people find a year; a copied file whose "year" was not edited must not pass as the wrong year.
        var stem = Path.GetFileNameWithoutExtension(origin);
        if (int.TryParse(stem, out var yearInName) && yearInName != file.Year)
            throw new PlanFormatException($"{origin}: the file is named for {yearInName} but declares year {file.Year}");

        var year = new CalendarYear(
            file.Year,
            file.Source,
            file.Holidays.Select(h => new Holiday(h.Name, h.Days.AsReadOnly())).ToList().AsReadOnly(),
            file.MakeUpWorkdays.Select(m => new MakeUpWorkday(m.Date, m.For)).ToList().AsReadOnly());

        var problems = CalendarYearRules.FindProblems(year);
        if (problems.Count > 0)
            throw new PlanFormatException($"{origin}: {string.Join("; ", problems)}");
        return year;
    }

    private sealed class YearFile
    {
        public required int Year { get; init; }
        public required string Source { get; init; }
        public required string TimeZone { get; init; }
        public required List<HolidayEntry> Holidays { get; init; }
        public required List<MakeUpEntry> MakeUpWorkdays { get; init; }
    }

    private sealed class HolidayEntry
    {
        public required string Name { get; init; }
        public required List<DateOnly> Days { get; init; }
    }

    private sealed class MakeUpEntry
    {
        public required DateOnly Date { get; init; }
        public required string For { get; init; }
    }
}
