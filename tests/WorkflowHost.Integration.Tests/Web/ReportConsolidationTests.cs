using WorkflowHost.Web.Views;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>汇总: a parent's report started from its shares' reports of the period.</summary>
public sealed class ReportConsolidationTests
{
    [Fact]
    public void Texts_are_listed_by_unit_figures_summed_by_name_and_the_silent_units_named()
    {
        var report = ReportConsolidation.Of(
        [
            new ShareReport("城关区", "检查企业120家。", """{"检查企业": 120, "发现隐患": 36.5}"""),
            new ShareReport("七里河区", null, null),
            new ShareReport("西固区", " 完成培训。 ", """{"培训人数": 300, "检查企业": 80}"""),
        ], "2024年3月");

        Assert.Equal("2024年3月各单位报送汇总(2/3个单位已报送):\n城关区:检查企业120家。\n西固区:完成培训。\n尚未报送:七里河区", report.Text);
        Assert.Equal("检查企业: 200\n发现隐患: 36.5\n培训人数: 300", report.Figures);
        Assert.Equal((2, 3), (report.Reported, report.Total));
    }

    [Fact]
    public void A_sum_past_what_a_number_holds_is_shown_at_the_limit_for_the_parent_to_correct_and_non_numbers_are_skipped()
    {
        var huge = decimal.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var report = ReportConsolidation.Of(
        [
            new ShareReport("甲", "一", $$"""{"金额": {{huge}}, "备注": "文字"}"""),
            new ShareReport("乙", "二", $$"""{"金额": {{huge}}}"""),
        ], "2024年");

        Assert.Equal($"金额: {huge}", report.Figures);
        Assert.DoesNotContain("尚未报送", report.Text);
    }
}
