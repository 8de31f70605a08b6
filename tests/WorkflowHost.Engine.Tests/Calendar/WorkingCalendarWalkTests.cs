using WorkflowHost.Engine.Calendar;
using static WorkflowHost.Engine.Tests.Calendar.SeedCalendar;

namespace WorkflowHost.Engine.Tests.Calendar;

/// <summary>Counting working days forwards and backwards through holidays, make-up days and New Year.</summary>
public class WorkingCalendarWalkTests
{
    [Theory]
    // 春节 2024: 2/10–2/17 off, 2/9 (Fri, 除夕) and 2/18 (Sun) worked.
    [InlineData("2024-02-08", 1, "2024-02-09")]
    [InlineData("2024-02-09", 1, "2024-02-18")]
    [InlineData("2024-02-12", 1, "2024-02-18")] // starting from a holiday
    [InlineData("2024-02-09", 2, "2024-02-19")]
    // 春节 2025: 1/26 (Sun) worked, 1/28–2/4 off, 2/8 (Sat) worked.
    [InlineData("2025-01-24", 1, "2025-01-26")]
    [InlineData("2025-01-27", 1, "2025-02-05")]
    [InlineData("2025-02-07", 1, "2025-02-08")]
    // 国庆 2024: 9/29 (Sun) worked, 10/1–10/7 off, 10/12 (Sat) worked.
    [InlineData("2024-09-27", 1, "2024-09-29")]
    [InlineData("2024-09-27", 3, "2024-10-08")]
    [InlineData("2024-10-11", 1, "2024-10-12")]
    // 国庆中秋 2025: 10/1–10/8 off.
    [InlineData("2025-09-30", 1, "2025-10-09")]
    public void Forward_across_holidays(string from, int n, string expected)
    {
        Assert.Equal(D(expected), Statutory.AddWorkdays(D(from), n));
    }

    [Theory]
    [InlineData("2024-10-08", -1, "2024-09-30")]
    [InlineData("2024-10-08", -3, "2024-09-27")] // 9/30, 9/29 (make-up Sunday), 9/27
    [InlineData("2024-02-18", -1, "2024-02-09")]
    [InlineData("2025-02-05", -1, "2025-01-27")]
    [InlineData("2024-03-11", -1, "2024-03-08")] // an ordinary weekend
    public void Backward_across_holidays(string from, int n, string expected)
    {
        Assert.Equal(D(expected), Statutory.AddWorkdays(D(from), n));
    }

    [Theory]
    [InlineData("2024-12-31", 1, "2025-01-02")] // 元旦 2025 is 1/1 only
    [InlineData("2025-12-31", 1, "2026-01-04")] // 元旦 2026 is 1/1–1/3, then a make-up Sunday
    [InlineData("2025-01-02", -1, "2024-12-31")]
    [InlineData("2026-01-05", -2, "2025-12-31")]
    public void Across_new_year(string from, int n, string expected)
    {
        Assert.Equal(D(expected), Statutory.AddWorkdays(D(from), n));
    }

    [Fact]
    public void Walking_a_whole_year_forward_and_back_returns_to_the_start()
    {
        var start = D("2024-03-11");
        var later = Statutory.AddWorkdays(start, 300);

        Assert.Equal(start, Statutory.AddWorkdays(later, -300));
    }

    [Fact]
    public void Zero_offset_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Statutory.AddWorkdays(D("2024-03-11"), 0));
    }

    [Theory]
    [InlineData("2024-10-05", "2024-09-30")] // inside 国庆
    [InlineData("2024-03-10", "2024-03-08")] // Sunday
    [InlineData("2024-03-12", "2024-03-12")] // already a workday
    [InlineData("2024-02-18", "2024-02-18")] // a make-up Sunday is a workday
    [InlineData("2025-01-01", "2024-12-31")]
    public void On_or_before_workday(string day, string expected)
    {
        Assert.Equal(D(expected), Statutory.OnOrBeforeWorkday(D(day)));
    }

    [Theory]
    [InlineData("2024-03-12", "2024-03-11")] // strictly before, even from a workday
    [InlineData("2024-10-08", "2024-09-30")]
    [InlineData("2024-02-19", "2024-02-18")]
    public void Last_workday_before(string day, string expected)
    {
        Assert.Equal(D(expected), Statutory.LastWorkdayBefore(D(day)));
    }
}
