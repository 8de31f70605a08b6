namespace WorkflowHost.Engine.Calendar;

/// <summary>
/// The consistency rules every calendar year must meet, whether it came from a file or was built in code.
/// Returns problems instead of throwing so that each caller can say where the data came from.
/// </summary>
internal static class CalendarYearRules
{
    public static IReadOnlyList<string> FindProblems(CalendarYear year)
    {
        var problems = new List<string>();
        if (year.Year is < 1 or > 9999)
            problems.Add($"year {year.Year} is not a calendar year");
        if (string.IsNullOrWhiteSpace(year.Source))
            problems.Add("the source notice is not named");

        var holidayOfDay = new Dictionary<DateOnly, string>();
        foreach (var holiday in year.Holidays)
        {
            if (string.IsNullOrWhiteSpace(holiday.Name))
                problems.Add("a holiday has no name");
            if (holiday.Days.Count == 0)
                problems.Add($"holiday {holiday.Name} lists no days");
            foreach (var day in holiday.Days)
            {
                if (day.Year != year.Year)
                    problems.Add($"holiday {holiday.Name} lists {Iso(day)}, which is outside {year.Year}");
                if (!holidayOfDay.TryAdd(day, holiday.Name))
                    problems.Add($"{Iso(day)} is listed twice as a holiday ({holidayOfDay[day]} and {holiday.Name})");
            }
        }

        var makeUpDays = new HashSet<DateOnly>();
        foreach (var makeUp in year.MakeUpWorkdays)
        {
            var day = makeUp.Date;
            if (day.Year != year.Year)
                problems.Add($"make-up workday {Iso(day)} is outside {year.Year}");
            if (!makeUpDays.Add(day))
                problems.Add($"make-up workday {Iso(day)} is listed twice");
            if (holidayOfDay.TryGetValue(day, out var holidayName))
                problems.Add($"{Iso(day)} is both a holiday ({holidayName}) and a make-up workday");
            // A make-up day on a weekday would change nothing, so it can only be a typo in the date.
            if (!IsWeekend(day))
                problems.Add($"make-up workday {Iso(day)} is a {day.DayOfWeek}, but make-up workdays are weekend days");
            if (string.IsNullOrWhiteSpace(makeUp.For))
                problems.Add($"make-up workday {Iso(day)} does not say which holiday it is for");
        }

        return problems;
    }

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
