using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>Issue 16, part 3: the deadline forms of other offices' lists, milestones, and what a refusal tells the clerk.</summary>
public class DeadlineFormTests
{
    private static string[] Milestones(string text, int year = 2025)
        => DeadlineParser.Parse(text, year).Milestones.Select(d => d.ToString("yyyy-MM-dd")).ToArray();

    [Theory]
    [InlineData("6月底和年底前", "2025-06-30", "2025-12-31")]
    [InlineData("6月30日和12月20日", "2025-06-30", "2025-12-20")]
    [InlineData("6月底前、12月底前完成", "2025-06-30", "2025-12-31")]
    [InlineData("3月底前,6月底前,9月底前,年底前", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31")]
    [InlineData("上半年及年底前", "2025-06-30", "2025-12-31")]
    [InlineData("于6月底和年底前", "2025-06-30", "2025-12-31")]
    [InlineData("2026年6月底和年底前", "2026-06-30", "2026-12-31")] // the year written once holds for the part after it
    [InlineData("年底和2026年6月底前", "2025-12-31", "2026-06-30")]
    [InlineData("9月底前", "2025-09-30")]
    public void Milestones_are_in_order_and_the_last_is_the_deadline(string text, params string[] expected)
    {
        var deadline = DeadlineParser.Parse(text, 2025);

        Assert.Equal(expected, Milestones(text));
        Assert.Equal(DateOnly.Parse(expected[^1]), deadline.Date);
        Assert.Equal(expected.Length - 1, deadline.InterimMilestones.Count);
    }

    [Theory]
    [InlineData("于6月底前完成", "2025-06-30")]
    [InlineData("于2025年9月30日前", "2025-09-30")]
    [InlineData("全年", "2025-12-31")]
    [InlineData("全年完成", "2025-12-31")]
    [InlineData("年内完成", "2025-12-31")]
    [InlineData("年内", "2025-12-31")]
    [InlineData("本年度内", "2025-12-31")]
    [InlineData("2026年全年", "2026-12-31")]
    [InlineData("2026年", "2026-12-31")]
    [InlineData("到2027年", "2027-12-31")]
    [InlineData("到2027年底", "2027-12-31")]
    public void Clear_forms_of_other_lists_are_due_dates(string text, string date)
    {
        var deadline = DeadlineParser.Parse(text, 2025);

        Assert.Equal(DeadlineKind.Due, deadline.Kind);
        Assert.Equal(DateOnly.Parse(date), deadline.Date);
    }

    [Fact]
    public void To_a_year_reads_in_a_plan_of_that_time()
    {
        // 灵武市's 2020 circular: 「到2020年」 in an 2018 plan is the end of 2020.
        Assert.Equal(new DateOnly(2020, 12, 31), DeadlineParser.Parse("到2020年", 2018).Date);
    }

    [Theory]
    [InlineData("每季度报送一次", Cadence.Quarterly, 1, null)]
    [InlineData("每月报送1次", Cadence.Monthly, 1, null)]
    [InlineData("每半年至少报送两次", Cadence.HalfYearly, 2, null)]
    [InlineData("每年报送一次", Cadence.Yearly, 1, null)]
    [InlineData("每季度末", Cadence.Quarterly, null, null)]
    [InlineData("每季度末前报送", Cadence.Quarterly, null, null)]
    [InlineData("每月底前报送", Cadence.Monthly, null, null)]
    [InlineData("每月25日前报送", Cadence.Monthly, null, 25)]
    [InlineData("每月5日前", Cadence.Monthly, null, 5)]
    [InlineData("每月二十日", Cadence.Monthly, null, 20)]
    public void Cadences_of_other_lists_are_ongoing(string text, Cadence cadence, int? times, int? day)
    {
        var deadline = DeadlineParser.Parse(text, 2025);

        Assert.Equal((DeadlineKind.Ongoing, cadence, times, day), (deadline.Kind, deadline.Cadence, deadline.TimesPerPeriod, deadline.DayOfMonth));
        Assert.Null(deadline.Date);
        Assert.Empty(deadline.Milestones);
    }

    /// <summary>The refusals of the new forms, with their messages; each carries the accepted forms for the plan year.</summary>
    [Theory]
    [InlineData("年底和6月底前", "时间节点须按先后顺序书写:「6月底前」(2025-06-30)不晚于前一个节点(2025-12-31)")]
    [InlineData("6月底和6月30日", "「6月30日」(2025-06-30)不晚于前一个节点(2025-06-30)")]
    [InlineData("6月底和尽快", "时间节点「尽快」不是能识别的日期写法")]
    [InlineData("6月底和长期坚持", "时间节点「长期坚持」不是能识别的日期写法")]
    [InlineData("6月底和", "时间节点之间有空项")]
    [InlineData("6月底和2024年底前", "2024年早于计划年度2025年")]
    [InlineData("到2020年", "2020年早于计划年度2025年")]
    [InlineData("每月32日前报送", "每月没有32日")]
    [InlineData("每月0日前", "每月没有0日")]
    [InlineData("每周一", "不是能识别的写法")]
    [InlineData("每学期至少一次", "不是能识别的写法")]
    [InlineData("1月底、2月底、3月底、4月底、5月底、6月底、7月底、8月底、9月底、10月底、11月底、12月10日、12月底", "最多12个时间节点,这里有13个")]
    public void Refusals_name_the_text_and_the_reason_and_list_the_accepted_forms(string text, string message)
    {
        var error = Assert.Throws<PlanFormatException>(() => DeadlineParser.Parse(text, 2025));

        Assert.Contains($"「{text}」", error.Message);
        Assert.Contains(message, error.Message);
        Assert.NotNull(error.Hint);
        Assert.Contains("可用的写法(以2025年为例)", error.Hint);
        Assert.Contains("「2月底前完成」(2025-02-28)", error.Hint);
        Assert.Contains("「6月底和年底前」(2025-06-30、2025-12-31)", error.Hint);
        Assert.Contains("「每季度报送一次」", error.Hint);
    }

    [Theory]
    [InlineData(2024, "「2月底前完成」(2024-02-29)", "「2025年6月底前」(2025-06-30)")]
    [InlineData(2031, "「2月底前完成」(2031-02-28)", "「2032年6月底前」(2032-06-30)")]
    public void The_examples_of_a_refusal_are_for_the_plan_year(int year, string example, string nextYear)
    {
        var error = Assert.Throws<PlanFormatException>(() => DeadlineParser.Parse("尽快", year));

        Assert.Contains(example, error.Hint);
        Assert.Contains(nextYear, error.Hint);
    }

    [Fact]
    public void A_pasted_paragraph_is_refused_by_its_length()
    {
        var error = Assert.Throws<PlanFormatException>(() => DeadlineParser.Parse(new string('年', DeadlineParser.MaxLength + 1), 2025));

        Assert.Contains($"完成时限最多{DeadlineParser.MaxLength}个字,这里有{DeadlineParser.MaxLength + 1}个字", error.Message);
    }

    [Fact]
    public void One_date_is_one_milestone_and_equals_a_deadline_written_without_milestones()
    {
        var deadline = DeadlineParser.Parse("6月底前", 2025);

        Assert.Equal([new DateOnly(2025, 6, 30)], deadline.Milestones);
        Assert.Empty(deadline.InterimMilestones);
        Assert.Equal(new Deadline("6月底前", DeadlineKind.Due, new DateOnly(2025, 6, 30), null), deadline);
    }
}
