using WorkflowHost.Engine.Calendar;
using static WorkflowHost.Engine.Tests.Calendar.SeedCalendar;

namespace WorkflowHost.Engine.Tests.Calendar;

/// <summary>Years without a notice are refused, never answered from weekdays alone.</summary>
public class CalendarYearMissingTests
{
    private const string Loaded = "loaded years: 2024, 2025, 2026";

    [Fact]
    public void Asking_about_a_missing_year_names_it_and_the_loaded_years()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => Statutory.IsWorkday(D("2027-03-01")));

        Assert.Equal("no statutory calendar for 2027; loaded years: 2024, 2025, 2026", ex.Message);
        Assert.Equal(2027, ex.Year);
    }

    [Fact]
    public void Every_question_refuses_a_missing_year()
    {
        var day = D("2023-06-01");

        Assert.Contains(Loaded, Assert.Throws<CalendarYearMissingException>(() => Statutory.HolidayName(day)).Message);
        Assert.Contains(Loaded, Assert.Throws<CalendarYearMissingException>(() => Statutory.OnOrBeforeWorkday(day)).Message);
        Assert.Contains(Loaded, Assert.Throws<CalendarYearMissingException>(() => Statutory.LastWorkdayBefore(day)).Message);
        Assert.Contains(Loaded, Assert.Throws<CalendarYearMissingException>(() => Statutory.AddWorkdays(day, 1)).Message);
    }

    [Fact]
    public void Walking_forward_out_of_the_last_year_throws()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => Statutory.AddWorkdays(D("2026-12-31"), 1));

        Assert.Equal(2027, ex.Year);
    }

    [Fact]
    public void Walking_backward_out_of_the_first_year_throws()
    {
        // 2024-01-01 is 元旦, so the previous working day would be in 2023.
        var ex = Assert.Throws<CalendarYearMissingException>(() => Statutory.LastWorkdayBefore(D("2024-01-02")));

        Assert.Equal(2023, ex.Year);
    }

    [Fact]
    public void A_gap_between_loaded_years_is_not_bridged()
    {
        var calendar = new WorkingCalendar(YearFiles.Where(y => y.Year != 2025));

        var ex = Assert.Throws<CalendarYearMissingException>(() => calendar.AddWorkdays(D("2024-12-31"), 1));

        Assert.Equal("no statutory calendar for 2025; loaded years: 2024, 2026", ex.Message);
    }
}
