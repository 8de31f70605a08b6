using System.Collections.Frozen;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Calendar;

/// <summary>
/// Statutory working days in mainland China: Monday to Friday, minus the holidays of the State Council notice,
/// plus its make-up weekend days. Only years with a loaded notice can be asked about; anything else throws
/// <see cref="CalendarYearMissingException"/> rather than guessing from weekdays.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<int, YearDays> _years;

    public WorkingCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var byYear = new Dictionary<int, YearDays>();
        foreach (var year in years)
        {
            var problems = CalendarYearRules.FindProblems(year);
            if (problems.Count > 0)
                throw new PlanFormatException($"calendar year {year.Year}: {string.Join("; ", problems)}");
            if (!byYear.TryAdd(year.Year, YearDays.From(year)))
                throw new PlanFormatException($"calendar year {year.Year} is given twice");
        }
        if (byYear.Count == 0)
            throw new PlanFormatException("a working calendar needs at least one year");

        _years = byYear.ToFrozenDictionary();
        Years = byYear.Keys.Order().ToList().AsReadOnly();
    }

    /// <summary>Loads every <c>*.json</c> year file in <paramref name="directory"/>.</summary>
    public static WorkingCalendar Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"calendar directory '{directory}' does not exist");
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new PlanFormatException($"{directory}: no calendar year files (*.json)");
        return new WorkingCalendar(files.Select(CalendarYearFile.Read));
    }

    /// <summary>The loaded years, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    public bool IsWorkday(DateOnly day)
    {
        var year = DaysOf(day.Year);
        if (year.MakeUpWorkdays.Contains(day)) return true;
        if (year.HolidayNames.ContainsKey(day)) return false;
        return !CalendarYearRules.IsWeekend(day);
    }

    /// <summary>For what must be written even past the covered years (a letter's reply date, a digest's day): the
    /// statutory answer where the year is loaded, else Monday to Friday. Never for deadlines, which must not guess.</summary>
    public bool IsWorkdayOrWeekday(DateOnly day) => _years.ContainsKey(day.Year) ? IsWorkday(day) : !CalendarYearRules.IsWeekend(day);

    /// <summary>The <paramref name="n"/>-th day after <paramref name="from"/> (n &gt; 0) that <see cref="IsWorkdayOrWeekday"/>.</summary>
    public DateOnly AddWorkdaysOrWeekdays(DateOnly from, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var day = from;
        for (var left = n; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkdayOrWeekday(day)) left--;
        }
        return day;
    }

    /// <summary>The holiday <paramref name="day"/> belongs to, or null if it is not a statutory day off (ordinary weekends included).</summary>
    public string? HolidayName(DateOnly day) =>
        DaysOf(day.Year).HolidayNames.TryGetValue(day, out var name) ? name : null;

    /// <summary>
    /// The <paramref name="n"/>-th working day strictly after <paramref name="from"/> (n &gt; 0) or strictly before it (n &lt; 0).
    /// <paramref name="from"/> itself need not be a working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n is 0: "zero working days from a holiday" has no single right answer.</exception>
    public DateOnly AddWorkdays(DateOnly from, int n)
    {
        if (n == 0)
            throw new ArgumentOutOfRangeException(nameof(n), n,
                "n must not be 0; use IsWorkday or OnOrBeforeWorkday to ask about the day itself");
        _ = DaysOf(from.Year); // the starting day's year must be known too, like any other question

        var step = n > 0 ? 1 : -1;
        var remaining = (long)n * step;
        var day = from;
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (IsWorkday(day)) remaining--;
        }
        return day;
    }

    /// <summary>The day itself if it is a working day, otherwise the last working day before it.</summary>
    public DateOnly OnOrBeforeWorkday(DateOnly day) => IsWorkday(day) ? day : LastWorkdayBefore(day);

    /// <summary>The last working day strictly before <paramref name="day"/>.</summary>
    public DateOnly LastWorkdayBefore(DateOnly day) => AddWorkdays(day, -1);

    private YearDays DaysOf(int year) =>
        _years.TryGetValue(year, out var days) ? days : throw new CalendarYearMissingException(year, Years);

    private sealed record YearDays(FrozenDictionary<DateOnly, string> HolidayNames, FrozenSet<DateOnly> MakeUpWorkdays)
    {
        public static YearDays From(CalendarYear year) => new(
            year.Holidays.SelectMany(h => h.Days, (h, day) => (day, h.Name)).ToFrozenDictionary(x => x.day, x => x.Name),
            year.MakeUpWorkdays.Select(m => m.Date).ToFrozenSet());
    }
}
