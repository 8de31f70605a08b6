using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Turns the 完成时限 of a task into a <see cref="Deadline"/>. Only the forms listed below are understood; anything else
/// is a <see cref="PlanFormatException"/> that quotes the text and lists the accepted forms (<see cref="DeadlineForms"/>),
/// because a wrongly guessed due date would silently move a supervision deadline.
/// <list type="bullet">
/// <item>「N月底前(完成)」「N月N日前(完成)」「N月上旬/中旬/下旬(前)」, optionally preceded by 「YYYY年」</item>
/// <item>「(YYYY)年底前(完成)」「(YYYY年)上半年/下半年(完成)」「(YYYY年)(第)N季度(末)(前)(完成)」</item>
/// <item>whole years: 「全年」「年内(完成)」「本年度」「YYYY年」「到YYYY年(底)」 — the year's last day</item>
/// <item>a leading 「于」 (「于6月底前完成」), which adds nothing</item>
/// <item>milestones: dated forms joined by 和 、 , ; 及 (「6月底和年底前」, 「6月30日和12月20日」), in order; the last is
/// the deadline, the others are interim milestones; a part without a year takes the year of the part before it</item>
/// <item>「长期坚持」 and cadences without a date: 「每月/每季度/每半年/每年(至少N次)」, 「每季度报送一次」,
/// 「每季度末」, 「每月25日前(报送)」</item>
/// </list>
/// 「底」 and 「末」 are interchangeable (月底 = 月末, 年底 = 年末).
/// </summary>
public static partial class DeadlineParser
{
    /// <summary>How far beyond the plan year an explicit 「YYYY年」 may reach before it is taken for a typo.</summary>
    public const int MaxYearsAfterPlanYear = 10;

    /// <summary>Longest deadline text read; a 完成时限 cell is a phrase, a longer one is a pasted paragraph.</summary>
    public const int MaxLength = 100;

    /// <summary>Most milestones one task may have (a month each, and a little more).</summary>
    public const int MaxMilestones = 12;

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

    // The whole year: the work may take all of it, so it is due on its last day. 「年内」 is what clerks write for
    // 「年底前」; 「2025年」 alone (a 完成时限 cell) and 「到2025年」 mean the same of that year.
    [GeneratedRegex($"^(?:{InYear}(?:全年|年内|本年度内?|年度内)|(?<year>[0-9]{{4}})年(?:度内)?)(?:完成)?$")]
    private static partial Regex WholeYear();

    [GeneratedRegex($"^每(?<period>月|季度|半年|年)(?:至少)?(?:报送|报告|上报)?(?:至少)?(?:(?<times>两|{Num})次)?$")]
    private static partial Regex Recurring();

    // 「每季度末」「每季度末前报送」「每月底前报送」: reports at each period's end, which is what a cadence means here.
    [GeneratedRegex($"^每(?:个)?(?<period>月|季度|半年|年)[底末]前?(?:报送|报告|上报)?(?:(?:一|1)次)?$")]
    private static partial Regex RecurringAtPeriodEnd();

    // 「每月25日前报送」: monthly, on a day of the month.
    [GeneratedRegex($"^每月(?<day>{Num})[日号]前?(?:报送|报告|上报)?(?:(?:一|1)次)?$")]
    private static partial Regex MonthlyOnDay();

    // Separators between milestones. 以及 before 及 so 「X以及Y」 does not leave 「X以」.
    private static readonly string[] MilestoneSeparators = ["以及", "和", "、", ",", ";", "及", "，", "；"];

    private const string Continuing = "长期坚持";

    // A leading 「于」 (「于6月底前完成」) or 「到」 (「到2020年」) says "by"; every form already means that.
    private static readonly string[] LeadingWords = ["于", "到"];

    public static Deadline Parse(string text, int planYear)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(planYear, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(planYear, 9999 - MaxYearsAfterPlanYear);

        var written = text.Trim();
        if (written.Length > MaxLength)
            throw Unreadable(PlanTextParser.Shorten(written), planYear, $"完成时限最多{MaxLength}个字,这里有{written.Length}个字");
        var normalized = WithoutLeadingWord(Normalize(text));
        if (normalized.Length == 0)
            throw Unreadable(text, planYear, "没有写完成时限");

        if (normalized == Continuing)
            return new Deadline(written, DeadlineKind.Ongoing, null, null);
        if (Cadenced(text, normalized, planYear, written) is { } cadenced)
            return cadenced;

        var parts = Brackets.SplitTopLevel(normalized, MilestoneSeparators).Select(WithoutLeadingWord).ToArray();
        if (parts.Length == 1)
        {
            var date = DueDate(text, normalized, planYear, planYear)
                ?? throw Unreadable(text, planYear, "不是能识别的写法");
            return new Deadline(written, DeadlineKind.Due, date, null);
        }

        return WithMilestones(text, written, parts, planYear);
    }

    private static Deadline WithMilestones(string text, string written, string[] parts, int planYear)
    {
        if (parts.Length > MaxMilestones)
            throw Unreadable(text, planYear, $"最多{MaxMilestones}个时间节点,这里有{parts.Length}个");
        var dates = new List<DateOnly>(parts.Length);
        var contextYear = planYear;
        foreach (var part in parts)
        {
            if (part.Length == 0)
                throw Unreadable(text, planYear, "时间节点之间有空项");
            var date = DueDate(text, part, planYear, contextYear)
                ?? throw Unreadable(text, planYear, $"时间节点「{part}」不是能识别的日期写法");
            if (dates.Count > 0 && date <= dates[^1])
                throw Unreadable(text, planYear, $"时间节点须按先后顺序书写:「{part}」({date:yyyy-MM-dd})不晚于前一个节点({dates[^1]:yyyy-MM-dd})");
            dates.Add(date);
            // 「2025年6月底和年底前」: the year written once holds for the parts after it.
            contextYear = date.Year;
        }
        return new Deadline(written, DeadlineKind.Due, dates[^1], null) { InterimMilestones = dates[..^1] };
    }

    private static Deadline? Cadenced(string text, string normalized, int planYear, string written)
    {
        Match m;
        if ((m = Recurring().Match(normalized)).Success)
        {
            int? times = m.Groups["times"].Success ? TimesPerPeriod(text, planYear, m.Groups["times"].Value) : null;
            return new Deadline(written, DeadlineKind.Ongoing, null, CadenceOf(m), times);
        }
        if ((m = RecurringAtPeriodEnd().Match(normalized)).Success)
            return new Deadline(written, DeadlineKind.Ongoing, null, CadenceOf(m));
        if ((m = MonthlyOnDay().Match(normalized)).Success)
        {
            var day = Number(text, planYear, m.Groups["day"].Value);
            if (day is < 1 or > 31)
                throw Unreadable(text, planYear, $"每月没有{day}日");
            return new Deadline(written, DeadlineKind.Ongoing, null, Cadence.Monthly) { DayOfMonth = day };
        }
        return null;
    }

    private static Cadence CadenceOf(Match m) => m.Groups["period"].Value switch
    {
        "月" => Cadence.Monthly,
        "季度" => Cadence.Quarterly,
        "半年" => Cadence.HalfYearly,
        _ => Cadence.Yearly,
    };

    /// <param name="defaultYear">The year of a form that names none: the plan year, or the year of the milestone before.</param>
    private static DateOnly? DueDate(string text, string normalized, int planYear, int defaultYear)
    {
        Match m;
        if ((m = MonthEnd().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear, defaultYear);
            var month = Month(text, planYear, m);
            return LastDayOf(year, month);
        }
        if ((m = DayOfMonth().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear, defaultYear);
            var month = Month(text, planYear, m);
            return new DateOnly(year, month, Day(text, planYear, m, year, month));
        }
        if ((m = TenDayPeriod().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear, defaultYear);
            var month = Month(text, planYear, m);
            // 上旬 is days 1–10, 中旬 11–20, 下旬 21 to the end of the month.
            return m.Groups["third"].Value switch
            {
                "上" => new DateOnly(year, month, 10),
                "中" => new DateOnly(year, month, 20),
                _ => LastDayOf(year, month),
            };
        }
        if ((m = YearEnd().Match(normalized)).Success || (m = WholeYear().Match(normalized)).Success)
            return new DateOnly(Year(text, m, planYear, defaultYear), 12, 31);
        if ((m = HalfYear().Match(normalized)).Success)
            return LastDayOf(Year(text, m, planYear, defaultYear), m.Groups["half"].Value == "上" ? 6 : 12);
        if ((m = Quarter().Match(normalized)).Success)
        {
            var year = Year(text, m, planYear, defaultYear);
            var quarter = Number(text, planYear, m.Groups["quarter"].Value);
            if (quarter is < 1 or > 4)
                throw Unreadable(text, planYear, $"没有第{quarter}季度,季度为1至4");
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
        return sb.ToString().TrimEnd('。');
    }

    private static string WithoutLeadingWord(string text)
    {
        foreach (var word in LeadingWords)
            if (text.StartsWith(word, StringComparison.Ordinal) && text.Length > word.Length)
                return text[word.Length..];
        return text;
    }

    private static int Year(string text, Match m, int planYear, int defaultYear)
    {
        var group = m.Groups["year"];
        if (!group.Success) return defaultYear;
        var year = int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < planYear)
            throw Unreadable(text, planYear, $"{year}年早于计划年度{planYear}年");
        if (year > planYear + MaxYearsAfterPlanYear)
            throw Unreadable(text, planYear, $"{year}年比计划年度{planYear}年晚{MaxYearsAfterPlanYear}年以上");
        return year;
    }

    private static int Month(string text, int planYear, Match m)
    {
        var month = Number(text, planYear, m.Groups["month"].Value);
        return month is >= 1 and <= 12 ? month : throw Unreadable(text, planYear, $"没有{month}月");
    }

    private static int Day(string text, int planYear, Match m, int year, int month)
    {
        var day = Number(text, planYear, m.Groups["day"].Value);
        if (day < 1)
            throw Unreadable(text, planYear, $"没有{day}日");
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day > daysInMonth)
            throw Unreadable(text, planYear, $"{year}年{month}月只有{daysInMonth}天");
        return day;
    }

    private static int TimesPerPeriod(string text, int planYear, string token)
    {
        var times = token == "两" ? 2 : Number(text, planYear, token);
        return times >= 1 ? times : throw Unreadable(text, planYear, $"「至少{token}次」少于每期一次");
    }

    private static int Number(string text, int planYear, string token) =>
        ChineseNumerals.TryRead(token, out var value) ? value : throw Unreadable(text, planYear, $"「{token}」不是数字");

    private static DateOnly LastDayOf(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static PlanFormatException Unreadable(string text, int planYear, string why) =>
        new($"无法识别完成时限「{text}」:{why}", DeadlineForms.Describe(planYear));
}
