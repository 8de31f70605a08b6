using static WorkflowHost.Engine.Tests.Calendar.SeedCalendar;

namespace WorkflowHost.Engine.Tests.Calendar;

/// <summary>IsWorkday and HolidayName against the published State Council notices for 2024–2026.</summary>
public class WorkingCalendarWorkdayTests
{
    [Fact]
    public void Loads_the_three_seed_years()
    {
        Assert.Equal([2024, 2025, 2026], Statutory.Years);
    }

    [Theory]
    [InlineData("2024-02-18")] // 春节 2024: 2月18日(星期日)上班
    [InlineData("2024-02-04")] // 春节 2024: 2月4日(星期日)上班
    [InlineData("2025-01-26")] // 春节 2025: 1月26日(周日)上班
    [InlineData("2026-01-04")] // 元旦 2026: 1月4日(周日)上班
    public void Make_up_sundays_are_workdays(string iso)
    {
        Assert.Equal(DayOfWeek.Sunday, D(iso).DayOfWeek);
        Assert.True(Statutory.IsWorkday(D(iso)));
        Assert.Null(Statutory.HolidayName(D(iso)));
    }

    [Theory]
    [InlineData("2024-05-11")]
    [InlineData("2025-02-08")]
    [InlineData("2026-02-28")]
    public void Make_up_saturdays_are_workdays(string iso)
    {
        Assert.Equal(DayOfWeek.Saturday, D(iso).DayOfWeek);
        Assert.True(Statutory.IsWorkday(D(iso)));
    }

    [Theory]
    [InlineData("2024-02-12", "春节")] // a Monday inside the break
    [InlineData("2024-01-01", "元旦")]
    [InlineData("2024-10-07", "国庆节")]
    [InlineData("2025-10-08", "国庆节、中秋节")]
    [InlineData("2025-06-02", "端午节")]
    [InlineData("2026-02-23", "春节")]
    public void Holiday_weekdays_are_days_off(string iso, string holiday)
    {
        Assert.False(Statutory.IsWorkday(D(iso)));
        Assert.Equal(holiday, Statutory.HolidayName(D(iso)));
    }

    [Theory]
    [InlineData("2024-03-09")]
    [InlineData("2024-03-10")]
    [InlineData("2025-07-12")]
    [InlineData("2026-11-15")]
    public void Ordinary_weekends_are_days_off_but_not_holidays(string iso)
    {
        Assert.False(Statutory.IsWorkday(D(iso)));
        Assert.Null(Statutory.HolidayName(D(iso)));
    }

    [Theory]
    [InlineData("2024-03-11")]
    [InlineData("2024-02-09")] // 除夕 2024: the notice only encourages rest, it is not a day off
    [InlineData("2025-12-31")]
    public void Ordinary_weekdays_are_workdays(string iso)
    {
        Assert.True(Statutory.IsWorkday(D(iso)));
    }

    [Fact]
    public void Every_make_up_day_in_the_seed_data_is_a_weekend_day()
    {
        var makeUpDays = YearFiles.SelectMany(y => y.MakeUpWorkdays).Select(m => m.Date).ToList();

        Assert.NotEmpty(makeUpDays);
        Assert.All(makeUpDays, day => Assert.Contains(day.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
    }

    // The independent check: the law fixes how many statutory holiday days a year has (全国年节及纪念日放假办法:
    // 11 from 2008 to 2024, 13 from 2025 after the 2024 amendment), and the notices only move days around (调休)
    // without changing that total. So a year's working days are its Monday-to-Friday days minus the statutory
    // holiday days, as long as no arrangement spills over New Year (none does in the seeded years).
    private static int StatutoryHolidayDays(int year) => year switch
    {
        < 2008 => throw new ArgumentOutOfRangeException(nameof(year), year, "holiday rules before 2008 differ"),
        < 2025 => 11,
        _ => 13,
    };

    public static TheoryData<int> SeededYears() => new(Statutory.Years);

    [Theory]
    [MemberData(nameof(SeededYears))]
    public void Working_days_of_every_seeded_year_match_the_statutory_holiday_count(int year)
    {
        var days = DaysOf(year).ToList();
        var mondayToFriday = days.Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        Assert.Equal(mondayToFriday - StatutoryHolidayDays(year), days.Count(Statutory.IsWorkday));
    }

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Working_days_per_year_match_the_published_totals(int year, int published)
    {
        Assert.Equal(published, DaysOf(year).Count(Statutory.IsWorkday));
    }

    private static IEnumerable<DateOnly> DaysOf(int year)
    {
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            yield return day;
    }
}
