using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Tests.Calendar;

/// <summary>Broken seed files are rejected with the file and the problem named.</summary>
public sealed class CalendarFileValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("workflowhost-calendar-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const string ValidHolidays = """[ { "name": "春节", "days": ["2024-02-10", "2024-02-12"] } ]""";
    private const string ValidMakeUps = """[ { "date": "2024-02-18", "for": "春节" } ]""";

    private static string YearJson(
        string year = "2024", string holidays = ValidHolidays, string makeUps = ValidMakeUps, string timeZone = "Asia/Shanghai") => $$"""
        {
          "year": {{year}},
          "source": "test notice",
          "timeZone": "{{timeZone}}",
          "holidays": {{holidays}},
          "makeUpWorkdays": {{makeUps}}
        }
        """;

    private string Write(string fileName, string json)
    {
        var path = Path.Combine(_directory, fileName);
        File.WriteAllText(path, json);
        return path;
    }

    private PlanFormatException LoadFails(string fileName, string json)
    {
        Write(fileName, json);
        return Assert.Throws<PlanFormatException>(() => WorkingCalendar.Load(_directory));
    }

    [Fact]
    public void A_valid_file_loads()
    {
        Write("2024.json", YearJson());

        var calendar = WorkingCalendar.Load(_directory);

        Assert.Equal([2024], calendar.Years);
        Assert.True(calendar.IsWorkday(new DateOnly(2024, 2, 18)));
        Assert.Equal("春节", calendar.HolidayName(new DateOnly(2024, 2, 12)));
    }

    [Fact]
    public void Date_outside_the_files_year()
    {
        var ex = LoadFails("2024.json", YearJson(holidays: """[ { "name": "元旦", "days": ["2025-01-01"] } ]"""));

        Assert.Contains("2024.json", ex.Message);
        Assert.Contains("2025-01-01, which is outside 2024", ex.Message);
    }

    [Fact]
    public void Make_up_day_outside_the_files_year()
    {
        var ex = LoadFails("2024.json", YearJson(makeUps: """[ { "date": "2023-12-30", "for": "元旦" } ]"""));

        Assert.Contains("2024.json", ex.Message);
        Assert.Contains("make-up workday 2023-12-30 is outside 2024", ex.Message);
    }

    [Fact]
    public void Day_that_is_both_holiday_and_make_up()
    {
        // 2024-02-10 is a Saturday, so only the overlap rule can catch this.
        var ex = LoadFails("2024.json", YearJson(makeUps: """[ { "date": "2024-02-10", "for": "春节" } ]"""));

        Assert.Contains("2024.json", ex.Message);
        Assert.Contains("2024-02-10 is both a holiday (春节) and a make-up workday", ex.Message);
    }

    [Fact]
    public void Make_up_day_on_a_weekday()
    {
        var ex = LoadFails("2024.json", YearJson(makeUps: """[ { "date": "2024-02-19", "for": "春节" } ]"""));

        Assert.Contains("2024.json", ex.Message);
        Assert.Contains("make-up workday 2024-02-19 is a Monday", ex.Message);
    }

    [Fact]
    public void Day_listed_under_two_holidays()
    {
        var ex = LoadFails("2024.json", YearJson(holidays:
            """[ { "name": "春节", "days": ["2024-02-12"] }, { "name": "元宵", "days": ["2024-02-12"] } ]"""));

        Assert.Contains("2024-02-12 is listed twice as a holiday (春节 and 元宵)", ex.Message);
    }

    [Fact]
    public void Malformed_json()
    {
        var ex = LoadFails("2024.json", "{ \"year\": 2024, \"holidays\": [ ");

        Assert.Contains("2024.json", ex.Message);
        Assert.Contains("not a valid calendar file", ex.Message);
    }

    [Fact]
    public void Impossible_date()
    {
        var ex = LoadFails("2025.json", YearJson(year: "2025", holidays: """[ { "name": "春节", "days": ["2025-02-29"] } ]""", makeUps: "[]"));

        Assert.Contains("2025.json", ex.Message);
        Assert.Contains("not a valid calendar file", ex.Message);
    }

    [Fact]
    public void Misspelt_property_is_not_ignored()
    {
        var json = YearJson().Replace("makeUpWorkdays", "makeupWorkdays");

        var ex = LoadFails("2024.json", json);

        Assert.Contains("makeupWorkdays", ex.Message);
    }

    [Fact]
    public void Missing_property()
    {
        var json = YearJson().Replace("\"source\": \"test notice\",", "");

        var ex = LoadFails("2024.json", json);

        Assert.Contains("source", ex.Message);
    }

    [Fact]
    public void Other_time_zone()
    {
        var ex = LoadFails("2024.json", YearJson(timeZone: "Asia/Tokyo"));

        Assert.Contains("time zone 'Asia/Tokyo' is not supported", ex.Message);
    }

    [Fact]
    public void File_named_for_another_year()
    {
        var ex = LoadFails("2025.json", YearJson());

        Assert.Contains("2025.json: the file is named for 2025 but declares year 2024", ex.Message);
    }

    [Fact]
    public void Duplicate_years()
    {
        var first = CalendarYearFile.Read(Write("a.json", YearJson()));
        var second = CalendarYearFile.Read(Write("b.json", YearJson()));

        var ex = Assert.Throws<PlanFormatException>(() => new WorkingCalendar([first, second]));

        Assert.Equal("calendar year 2024 is given twice", ex.Message);
    }

    [Fact]
    public void Empty_directory()
    {
        var ex = Assert.Throws<PlanFormatException>(() => WorkingCalendar.Load(_directory));

        Assert.Contains("no calendar year files", ex.Message);
    }

    [Fact]
    public void Data_built_in_code_is_checked_by_the_same_rules()
    {
        var year = new CalendarYear(2024, "test", [], [new MakeUpWorkday(new DateOnly(2024, 2, 19), "春节")]);

        var ex = Assert.Throws<PlanFormatException>(() => new WorkingCalendar([year]));

        Assert.Contains("calendar year 2024: make-up workday 2024-02-19 is a Monday", ex.Message);
    }
}
