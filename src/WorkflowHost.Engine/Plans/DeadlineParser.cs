using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Turns the 完成时限 column of a plan into a <see cref="Deadline"/>. Only the forms listed below are understood;
/// anything else is a <see cref="PlanFormatException"/> that quotes the text, because a wrongly guessed due date
/// would silently move a supervision deadline.
/// <list type="bullet">
/// <item>「N月底前(完成)」「N月N日前(完成)」「N月上旬/中旬/下旬(前)」, optionally preceded by 「YYYY年」</item>
/// <item>「(YYYY)年底前(完成)」「(YYYY年)上半年/下半年(完成)」「(YYYY年)(第)N季度(末)(前)(完成)」</item>
/// <item>「长期坚持」 and the cadences 「每月/每季度/每半年/每年(至少N次)」, which have no date</item>
/// </list>
/// 「底」 and 「末」 are interchangeable (月底 = 月末, 年底 = 年末).
/// </summary>
public static partial class DeadlineParser
{
    /// <summary>How far beyond the plan year an explicit 「YYYY年」 may reach before it is taken for a typo.</summary>
    public const int MaxYearsAfterPlanYear = 10;

    private const string Num = ChineseNumerals.Pattern;
    private const string InYear = @"(?:(?<year>[0-9]{4})年)?";
    private const string DueSuffix = "前?(?:完成)?";

    [GeneratedRegex($"^{InYear}(?<month>{Num})月[底末]{DueSuffix}$")]
    private static partial Regex MonthEnd();

    // The day named is the last day on which the work may be done: 「3月15日前完成」 is due on 15 March, inclusive.
    // Government practice reads 「前」 as 「截至」, and reading it as the 14th would make a task overdue on the day
    // the plan itself names.
    [GeneratedRegex($"^{InYear}(?<month>{Num})月(?<day>{Num})日{DueSuffix}$")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex($"^{InYear}(?<month>{Num})月(?<third>[上中下])旬{DueSuffix}$")]
    private static partial Regex TenDayPeriod();

    // 「2025年底」 shares its 年 with the year; 「2025年年底」 does not.
    [GeneratedRegex($"^(?:(?<year>[0-9]{{4}})年?)?年[底末]{DueSuffix}$")]
    private static partial Regex YearEnd();

    // No bare 「上半年前」: it could equally be read as "before the first half begins".
    [GeneratedRegex($"^{InYear}(?<half>[上下])半年(?:末前?)?(?:完成)?$")]
    private static partial Regex HalfYear();

    [GeneratedRegex($"^{InYear}第?(?<quarter>{Num})季度末?{DueSuffix}$")]
    private static partial Regex Quarter();

    [GeneratedRegex($"^每(?<period>月|季度|半年|年)(?:至少(?<times>两|{Num})次)?$")]
    private static partial Regex Recurring();

    private const string Continuing = "长期坚持";

    public static Deadline Parse(string text, int planYear)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(planYear, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(planYear, 9999 - MaxYearsAfterPlanYear);

        var written = text.Trim();
        var normalized = Normalize(text);
        if (normalized.Length == 0)
            throw Unreadable(text, "the text is empty");

        if (normalized == Continuing)
            return new Deadline(written, DeadlineKind.Ongoing, null, null);

        var recurring = Recurring().Match(normalized);
        if (recurring.Success)
        {
            var cadence = recurring.Groups["period"].Value switch
            {
                "月" => Cadence.Monthly,
                "季度" => Cadence.Quarterly,
                "半年" => Cadence.HalfYearly,
                _ => Cadence.Yearly,
            };
            int? times = recurring.Groups["times"].Success ? TimesPerPeriod(text, recurring.Groups["times"].Value) : null;
            return new Deadline(written, DeadlineKind.Ongoing, null, cadence, times);
        }

        var date = DueDate(text, normalized, planYear)
            ?? throw new PlanFormatException($"unknown deadline expression '{text}'");
        return new Deadline(written, DeadlineKind.Due, date, null);
    }

    private static DateOnly? DueDate(string text, string normalized, int planYear)
    {
        Match m;
        if ((m = MonthEnd().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear);
            var month = Month(text, m);
            return LastDayOf(year, month);
        }
        if ((m = DayOfMonth().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear);
            var month = Month(text, m);
            return new DateOnly(year, month, Day(text, m, year, month));
        }
        if ((m = TenDayPeriod().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear);
            var month = Month(text, m);
            // 上旬 is days 1–10, 中旬 11–20, 下旬 21 to the end of the month.
            return m.Groups["third"].Value switch
            {
                "上" => new DateOnly(year, month, 10),
                "中" => new DateOnly(year, month, 20),
                _ => LastDayOf(year, month),
            };
        }
        if ((m = YearEnd().Match(normalized)).Success)
            return new DateOnly(Year(text, m, planYear), 12, 31);
        if ((m = HalfYear().Match(normalized)).Success)
            return LastDayOf(Year(text, m, planYear), m.Groups["half"].Value == "上" ? 6 : 12);
        if ((m = Quarter().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear);
            var quarter = Number(text, m.Groups["quarter"].Value);
            if (quarter is < 1 or > 4)
                throw Unreadable(text, $"there is no quarter {quarter}; quarters are numbered 1 to 4");
            return LastDayOf(year, quarter * 3);
        }
        return null;
    }

    /// <summary>
    /// Plans are typed in Word by many hands: full-width digits (「１２月」) and stray spaces, including the ideographic
    /// space U+3000, are common and carry no meaning in Chinese text.
    /// </summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c);
        }
        return sb.ToString();
    }

    private static int Year(string text, Match m, int planYear)
    {
        var group = m.Groups["year"];
        if (!group.Success) return planYear;
        var year = int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < planYear)
            throw Unreadable(text, $"year {year} is before the plan year {planYear}");
        if (year > planYear + MaxYearsAfterPlanYear)
            throw Unreadable(text, $"year {year} is more than {MaxYearsAfterPlanYear} years after the plan year {planYear}");
        return year;
    }

    private static int Month(string text, Match m)
    {
        var month = Number(text, m.Groups["month"].Value);
        return month is >= 1 and <= 12 ? month : throw Unreadable(text, $"there is no month {month}");
    }

    private static int Day(string text, Match m, int year, int month)
    {
        var day = Number(text, m.Groups["day"].Value);
        if (day < 1)
            throw Unreadable(text, $"there is no day {day}");
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day > daysInMonth)
            throw Unreadable(text, $"{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} {year} has {daysInMonth} days");
        return day;
    }

    private static int TimesPerPeriod(string text, string token)
    {
        var times = token == "两" ? 2 : Number(text, token);
        return times >= 1 ? times : throw Unreadable(text, $"至少{token}次 asks for fewer than one time per period");
    }

    private static int Number(string text, string token) =>
        ChineseNumerals.TryRead(token, out var value) ? value : throw Unreadable(text, $"'{token}' is not a number");

    private static DateOnly LastDayOf(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static PlanFormatException Unreadable(string text, string why) => new($"cannot read deadline '{text}': {why}");
}
