using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Tests.Plans;

public class DeadlineParserTests
{
    private const int PlanYear = 2024;

    // Written independently of the parser so the Chinese-numeral spellings are checked, not echoed.
    private static readonly string[] ChineseMonths = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    private static readonly int[] Years = [2024, 2025, 2000, 2100];

    private static DateOnly LastDayOf(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static void AssertDue(DateOnly expected, string text, int planYear = PlanYear)
    {
        var deadline = DeadlineParser.Parse(text, planYear);
        Assert.Equal(DeadlineKind.Due, deadline.Kind);
        Assert.Equal(expected, deadline.Date);
        Assert.Null(deadline.Cadence);
        Assert.Null(deadline.TimesPerPeriod);
    }

    // ---- The real 2024 annex ----

    [Theory]
    [InlineData("2月底前完成", "2024-02-29")]
    [InlineData("3月15日前完成", "2024-03-15")]
    [InlineData("12月底前完成", "2024-12-31")]
    [InlineData("10月底前完成", "2024-10-31")]
    [InlineData("8月底前完成", "2024-08-31")]
    [InlineData("6月底前完成", "2024-06-30")]
    [InlineData("3月底前完成", "2024-03-31")]
    [InlineData("4月底前完成", "2024-04-30")]
    public void Every_dated_deadline_of_the_2024_annex(string text, string expected)
    {
        AssertDue(DateOnly.ParseExact(expected, "yyyy-MM-dd"), text);
        Assert.Equal(text, DeadlineParser.Parse(text, PlanYear).Text);
    }

    [Fact]
    public void Long_term_is_ongoing_without_date_or_cadence()
    {
        Assert.Equal(new Deadline("长期坚持", DeadlineKind.Ongoing, null, null), DeadlineParser.Parse("长期坚持", PlanYear));
    }

    // ---- Month ends ----

    public static TheoryData<int, int, string> MonthEndSpellings()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var year in Years)
            for (var month = 1; month <= 12; month++)
            {
                data.Add(year, month, $"{month}月底前完成");
                data.Add(year, month, $"{month}月底前");
                data.Add(year, month, $"{month}月底");
                data.Add(year, month, $"{month}月末前完成");
                data.Add(year, month, $"{ChineseMonths[month - 1]}月底前完成");
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(MonthEndSpellings))]
    public void Month_end_is_the_last_day_of_that_month(int planYear, int month, string text)
    {
        AssertDue(LastDayOf(planYear, month), text, planYear);
    }

    [Theory]
    [InlineData("2025年3月底前", 2025, 3)]
    [InlineData("2026年2月底前完成", 2026, 2)]
    [InlineData("2028年2月底", 2028, 2)]
    public void Month_end_of_an_explicit_year(string text, int year, int month)
    {
        AssertDue(LastDayOf(year, month), text);
    }

    // ---- Named days ----

    [Theory]
    [InlineData("3月15日前完成", 3, 15)] // the named day is still in time (inclusive)
    [InlineData("3月15日前", 3, 15)]
    [InlineData("3月15日", 3, 15)]
    [InlineData("三月十五日前", 3, 15)]
    [InlineData("十二月三十一日前完成", 12, 31)]
    [InlineData("2月29日前", 2, 29)] // 2024 is a leap year
    [InlineData("1月1日前", 1, 1)]
    [InlineData("7月20日前完成", 7, 20)]
    [InlineData("2月二十九日前", 2, 29)]
    [InlineData("十月二十日", 10, 20)]
    [InlineData("03月05日前", 3, 5)]
    public void Named_day(string text, int month, int day)
    {
        AssertDue(new DateOnly(PlanYear, month, day), text);
    }

    [Fact]
    public void Named_day_of_an_explicit_year()
    {
        AssertDue(new DateOnly(2026, 6, 1), "2026年6月1日前完成");
    }

    // ---- Year end, halves, quarters ----

    [Theory]
    [InlineData("年底前")]
    [InlineData("年底前完成")]
    [InlineData("年底")]
    [InlineData("年末前完成")]
    public void Year_end_of_the_plan_year(string text)
    {
        AssertDue(new DateOnly(PlanYear, 12, 31), text);
    }

    [Theory]
    [InlineData("2025年底前完成", 2025)]
    [InlineData("2025年年底前", 2025)]
    [InlineData("2024年底前", 2024)]
    [InlineData("2034年底前", 2034)] // the furthest a plan may reach
    public void Year_end_of_an_explicit_year(string text, int year)
    {
        AssertDue(new DateOnly(year, 12, 31), text);
    }

    [Theory]
    [InlineData("上半年", 6)]
    [InlineData("上半年完成", 6)]
    [InlineData("上半年末前完成", 6)]
    [InlineData("下半年", 12)]
    [InlineData("下半年完成", 12)]
    public void Half_years(string text, int lastMonth)
    {
        AssertDue(LastDayOf(PlanYear, lastMonth), text);
    }

    [Fact]
    public void Half_year_of_an_explicit_year()
    {
        AssertDue(new DateOnly(2025, 6, 30), "2025年上半年");
    }

    public static TheoryData<int, int, string> QuarterSpellings()
    {
        string[] chinese = ["一", "二", "三", "四"];
        var data = new TheoryData<int, int, string>();
        foreach (var year in Years)
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                data.Add(year, quarter, $"第{quarter}季度");
                data.Add(year, quarter, $"第{quarter}季度末");
                data.Add(year, quarter, $"第{quarter}季度末前完成");
                data.Add(year, quarter, $"第{quarter}季度前");
                data.Add(year, quarter, $"第{chinese[quarter - 1]}季度末前");
                data.Add(year, quarter, $"{chinese[quarter - 1]}季度末前完成");
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(QuarterSpellings))]
    public void Quarter_is_due_on_the_last_day_of_its_third_month(int planYear, int quarter, string text)
    {
        AssertDue(LastDayOf(planYear, quarter * 3), text, planYear);
    }

    // ---- Ten-day periods (旬) ----

    [Theory]
    [InlineData("3月上旬", 2024, 3, 10)]
    [InlineData("3月上旬前", 2024, 3, 10)]
    [InlineData("3月中旬", 2024, 3, 20)]
    [InlineData("三月中旬前", 2024, 3, 20)]
    [InlineData("3月下旬", 2024, 3, 31)]
    [InlineData("2月下旬", 2024, 2, 29)]
    [InlineData("2月下旬前", 2025, 2, 28)]
    [InlineData("4月下旬", 2025, 4, 30)]
    public void Ten_day_periods(string text, int planYear, int month, int day)
    {
        AssertDue(new DateOnly(planYear, month, day), text, planYear);
    }

    // ---- Cadences ----

    [Theory]
    [InlineData("每月", Cadence.Monthly, null)]
    [InlineData("每季度", Cadence.Quarterly, null)]
    [InlineData("每半年", Cadence.HalfYearly, null)]
    [InlineData("每年", Cadence.Yearly, null)]
    [InlineData("每月至少1次", Cadence.Monthly, 1)]
    [InlineData("每季度至少一次", Cadence.Quarterly, 1)]
    [InlineData("每半年至少两次", Cadence.HalfYearly, 2)]
    [InlineData("每年至少12次", Cadence.Yearly, 12)]
    [InlineData("每月至少３次", Cadence.Monthly, 3)]
    public void Cadences_are_ongoing_without_a_date(string text, Cadence cadence, int? times)
    {
        var deadline = DeadlineParser.Parse(text, PlanYear);

        Assert.Equal(DeadlineKind.Ongoing, deadline.Kind);
        Assert.Null(deadline.Date);
        Assert.Equal(cadence, deadline.Cadence);
        Assert.Equal(times, deadline.TimesPerPeriod);
    }

    // ---- Layout variants ----

    [Theory]
    [InlineData("  2月底前完成  ", "2024-02-29")]
    [InlineData("\u30002月底前完成\u3000", "2024-02-29")] // ideographic spaces
    [InlineData("\t3月15日前完成\r\n", "2024-03-15")]
    [InlineData("２月底前完成", "2024-02-29")] // full-width digits
    [InlineData("１２月３１日前", "2024-12-31")]
    [InlineData("3月 15日 前完成", "2024-03-15")]
    [InlineData("２０２５年底前", "2025-12-31")]
    public void Whitespace_and_full_width_digits(string text, string expected)
    {
        AssertDue(DateOnly.ParseExact(expected, "yyyy-MM-dd"), text);
    }

    [Fact]
    public void Text_is_kept_as_written_without_surrounding_whitespace()
    {
        Assert.Equal("２月底前完成", DeadlineParser.Parse("  ２月底前完成\u3000", PlanYear).Text);
    }

    // ---- Refusals ----

    [Theory]
    [InlineData("", "无法识别完成时限「」:没有写完成时限")]
    [InlineData("   ", "没有写完成时限")]
    [InlineData("尽快", "无法识别完成时限「尽快」:不是能识别的写法")]
    [InlineData("年末前后", "不是能识别的写法")]
    [InlineData("上半年前", "无法识别完成时限「上半年前」:不是能识别的写法")]
    [InlineData("3月中", "无法识别完成时限「3月中」:不是能识别的写法")]
    [InlineData("长期坚持,每季度至少1次", "时间节点「长期坚持」不是能识别的日期写法")]
    [InlineData("0月底前", "无法识别完成时限「0月底前」:没有0月")]
    [InlineData("13月底前完成", "无法识别完成时限「13月底前完成」:没有13月")]
    [InlineData("十三月底前", "没有13月")]
    [InlineData("3月0日前", "无法识别完成时限「3月0日前」:没有0日")]
    [InlineData("2月30日前完成", "无法识别完成时限「2月30日前完成」:2024年2月只有29天")]
    [InlineData("4月31日前", "2024年4月只有30天")]
    [InlineData("三月三十二日", "2024年3月只有31天")]
    [InlineData("2025年2月29日前", "2025年2月只有28天")]
    [InlineData("第5季度", "无法识别完成时限「第5季度」:没有第5季度,季度为1至4")]
    [InlineData("第0季度末", "没有第0季度")]
    [InlineData("第五季度末前完成", "没有第5季度")]
    [InlineData("2023年底前", "无法识别完成时限「2023年底前」:2023年早于计划年度2024年")]
    [InlineData("2035年底前", "2035年比计划年度2024年晚10年以上")]
    [InlineData("2023年6月底前", "2023年早于计划年度2024年")]
    [InlineData("每季度至少0次", "无法识别完成时限「每季度至少0次」:「至少0次」少于每期一次")]
    [InlineData("十十月底前", "「十十」不是数字")]
    [InlineData("一二月底前", "「一二」不是数字")]
    [InlineData("一百月底前", "不是能识别的写法")]
    [InlineData("〇月底前", "没有0月")]
    [InlineData("\u0662\u0660\u0662\u0665年底前", "不是能识别的写法")] // Arabic-Indic digits are not plan digits
    [InlineData("99999999999月底前", "「99999999999」不是数字")]
    public void Bad_inputs_are_refused_with_the_text_and_the_reason(string text, string expectedFragment)
    {
        var ex = Assert.Throws<PlanFormatException>(() => DeadlineParser.Parse(text, PlanYear));

        Assert.Contains(expectedFragment, ex.Message);
        Assert.Contains($"「{text}」", ex.Message);
    }

    [Fact]
    public void Null_text_is_a_programming_error_not_a_format_error()
    {
        Assert.Throws<ArgumentNullException>(() => DeadlineParser.Parse(null!, PlanYear));
    }
}
