using System.Globalization;
using Humanizer;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>A deadline in words, as of a given day: 「3 天后到期」, 「今天到期」, 「已逾期 12 天」. Counted in calendar
/// days (the plan's deadlines are calendar dates); Humanizer's zh-Hans texts give the numbers their units.</summary>
public static class DeadlineWords
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    public static string Of(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        if (days == 0) return "今天到期";
        var span = TimeSpan.FromDays(Math.Abs(days)).Humanize(culture: Chinese, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Day);
        return days > 0 ? $"{span}后到期" : $"已逾期 {span}";
    }

    /// <summary>「2024年3月15日」: dates as official documents and letters write them.</summary>
    public static string Date(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}
