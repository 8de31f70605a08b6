using System.Globalization;

namespace WorkflowHost.Infrastructure.Briefings;

/// <summary>Which month a report period belongs to in the briefings: the period's last month (2024-04 → April,
/// 2024-Q2 and 2024-H1 → June, 2024 → December), since that is when its reports are due.</summary>
public static class PeriodMonths
{
    public static string LastMonthOf(string periodKey)
    {
        var year = int.Parse(periodKey[..4], CultureInfo.InvariantCulture);
        var month = periodKey.Length == 4 ? 12
            : periodKey[5] == 'Q' ? 3 * (periodKey[6] - '0')
            : periodKey[5] == 'H' ? 6 * (periodKey[6] - '0')
            : int.Parse(periodKey[5..7], CultureInfo.InvariantCulture);
        return $"{year:0000}-{month:00}";
    }

    /// <summary>「2024年3月」 for 2024-03.</summary>
    public static string Words(string month) => $"{month[..4]}年{int.Parse(month[5..], CultureInfo.InvariantCulture)}月";

    public static (DateOnly First, DateOnly Last) DaysOf(string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (first, first.AddMonths(1).AddDays(-1));
    }
}
