using System.Globalization;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Workflows;

/// <summary>A calendar period of a cadence: a month, quarter, half-year or year, with its key (2024-03, 2024-Q1, 2024-H1, 2024).</summary>
public sealed record CadencePeriod(Cadence Cadence, DateOnly Start)
{
    public int Months => Cadence switch
    {
        Cadence.Monthly => 1,
        Cadence.Quarterly => 3,
        Cadence.HalfYearly => 6,
        Cadence.Yearly => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(Cadence), Cadence, "unknown cadence"),
    };

    public DateOnly End => Start.AddMonths(Months).AddDays(-1);

    /// <summary>What people call a period by its key: 「2024年3月」 for 2024-03, 「2024年第1季度」 for 2024-Q1,
    /// 「2024年上半年」 for 2024-H1, 「2024年」 for 2024; 「本期」 when there is none; other keys as they are.</summary>
    public static string Words(string? key)
    {
        if (key is null) return "本期";
        var parts = key.Split('-');
        if (parts.Length == 1 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var only)) return $"{only}年";
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var year))
        {
            if (int.TryParse(parts[1], CultureInfo.InvariantCulture, out var month)) return $"{year}年{month}月";
            if (parts[1].StartsWith('Q') && int.TryParse(parts[1][1..], CultureInfo.InvariantCulture, out var quarter)) return $"{year}年第{quarter}季度";
            if (parts[1].StartsWith('H') && int.TryParse(parts[1][1..], CultureInfo.InvariantCulture, out var half)) return $"{year}年{(half == 1 ? "上" : "下")}半年";
        }
        return key;
    }

    /// <summary>The first day of the period's last month: reports are due in that month.</summary>
    public DateOnly LastMonth => Start.AddMonths(Months - 1);

    public string Key
    {
        get
        {
            var year = Start.Year.ToString(CultureInfo.InvariantCulture);
            var index = (Start.Month - 1) / Months + 1;
            return Cadence switch
            {
                Cadence.Monthly => $"{year}-{Start.Month:00}",
                Cadence.Quarterly => $"{year}-Q{index}",
                Cadence.HalfYearly => $"{year}-H{index}",
                _ => year,
            };
        }
    }

    public static CadencePeriod Containing(Cadence cadence, DateOnly day)
    {
        var months = new CadencePeriod(cadence, day).Months;
        var startMonth = (day.Month - 1) / months * months + 1;
        return new CadencePeriod(cadence, new DateOnly(day.Year, startMonth, 1));
    }

    public CadencePeriod Next() => this with { Start = Start.AddMonths(Months) };

    /// <summary>The period a key names under the cadence (2024-03 monthly, 2024-Q1, 2024-H1, 2024), or null when the
    /// key is not one of the cadence's periods.</summary>
    public static CadencePeriod? Parse(Cadence cadence, string key)
    {
        if (key.Length < 4 || !int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000) return null;
        for (var period = new CadencePeriod(cadence, new DateOnly(year, 1, 1)); period.Start.Year == year; period = period.Next())
            if (period.Key == key) return period;
        return null;
    }
}
