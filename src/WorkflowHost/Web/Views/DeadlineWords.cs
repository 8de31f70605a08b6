using System.Globalization;
using Humanizer;

namespace WorkflowHost.Web.Views;

/// <summary>A deadline in words, as people say it: 3 天后到期, 今天到期, 已逾期 12 天.</summary>
public static class DeadlineWords
{
    private static readonly CultureInfo Chinese = new("zh-Hans");

    public static string Describe(DateOnly? due, DateOnly today, bool closed)
    {
        if (closed) return "已销号";
        if (due is not { } date) return "长期坚持";
        var days = date.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "今天到期",
            > 0 => $"{Days(days)}后到期",
            _ => $"已逾期 {Days(-days)}",
        };
    }

    // Humanizer says "3 天"; days stay days (45 天, not 6 周), since deadlines are counted in days.
    private static string Days(int days) => TimeSpan.FromDays(days).Humanize(culture: Chinese, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Day);
}
