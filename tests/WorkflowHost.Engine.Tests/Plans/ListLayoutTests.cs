using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>Issue 16, part 1: the layouts of other offices' lists, on the fixture lists and on small texts.</summary>
public class ListLayoutTests
{
    private static string[] Dates(Deadline deadline) => deadline.Milestones.Select(d => d.ToString("yyyy-MM-dd")).ToArray();

    [Fact]
    public void A_city_list_under_its_own_title_with_chapters_keeps_each_chapter_as_the_section()
    {
        var plan = FixtureLists.ReadFolder("city-2025", defaultDeadline: "年底前");

        Assert.Equal(Enumerable.Range(1, 8), plan.Tasks.Select(t => t.No));
        Assert.Equal(["压紧压实安全生产责任", "压紧压实安全生产责任", "压紧压实安全生产责任", "深化重大事故隐患排查整治", "深化重大事故隐患排查整治",
            "深化重大事故隐患排查整治", "提升全民安全素质", "提升全民安全素质"], plan.Tasks.Select(t => t.Action));
        Assert.Equal("召开全市安全生产工作会议,安排部署年度重点工作", plan.Tasks[0].Content);
        Assert.Equal(["2025-06-30"], Dates(plan.Tasks[1].Deadline)); // 「于6月底前完成」
        Assert.Equal(["2025-06-30", "2025-12-31"], Dates(plan.Tasks[2].Deadline)); // 「6月底和年底前」
        Assert.Equal(["2025-09-30", "2025-12-20"], Dates(plan.Tasks[4].Deadline));
        Assert.Equal(new DateOnly(2025, 12, 20), plan.Tasks[4].Deadline.Date);
        Assert.Equal(Cadence.Quarterly, plan.Tasks[5].Deadline.Cadence); // 「每季度报送一次」
        Assert.Equal(1, plan.Tasks[5].Deadline.TimesPerPeriod);
    }

    [Fact]
    public void A_task_without_a_deadline_takes_the_lists_default()
    {
        var plan = FixtureLists.ReadFolder("city-2025", defaultDeadline: "年底前");

        var task4 = plan.Tasks[3];
        Assert.Equal("年底前", task4.Deadline.Text);
        Assert.Equal(new DateOnly(2025, 12, 31), task4.Deadline.Date);
        Assert.Equal(["市住建局", "市市场监管局", "市消防救援支队"], task4.Responsibility.Leads);
        Assert.Equal(["各县区"], task4.Responsibility.Groups);
    }

    [Fact]
    public void Without_a_default_a_task_without_a_deadline_is_a_problem_naming_the_task()
    {
        var (plan, problems) = FixtureLists.Read(File.ReadAllText(Path.Combine(FixtureLists.Folder, "city-2025", "plan.txt")), FixtureLists.Metadata(2025));

        Assert.Null(plan);
        var problem = Assert.Single(problems);
        Assert.Equal((4, "deadline"), (problem.TaskNo, problem.Field));
        Assert.Equal(14, problem.Line); // the file's own line of task 4
        Assert.Contains("没有写完成时限", problem.Message);
        Assert.Contains("defaultDeadline", problem.Message);
        Assert.Contains("「6月底和年底前」(2025-06-30、2025-12-31)", problem.Hint);
    }

    [Fact]
    public void A_county_list_with_square_brackets_and_restarting_chinese_numbers_is_numbered_in_order()
    {
        var plan = FixtureLists.ReadFolder("county-2025", defaultDeadline: null);

        Assert.Equal(Enumerable.Range(1, 5), plan.Tasks.Select(t => t.No));
        Assert.Equal(["健全安全生产责任体系", "健全安全生产责任体系", "狠抓重点行业领域专项整治", "狠抓重点行业领域专项整治", "狠抓重点行业领域专项整治"],
            plan.Tasks.Select(t => t.Action));
        // 〔牵头单位:县应急局;配合单位:县公安局、县交通运输局;完成时限:6月底前〕: its 「;」 separate labelled clauses.
        var task2 = plan.Tasks[1];
        Assert.Equal(["县应急局"], task2.Responsibility.Leads);
        Assert.Equal(["县应急局", "县公安局", "县交通运输局"], task2.Responsibility.Units);
        Assert.Equal(new DateOnly(2025, 6, 30), task2.Deadline.Date);
        Assert.EndsWith("全员安全生产责任制。", task2.Content);
    }

    [Fact]
    public void Deadlines_inside_the_sentence_become_milestones()
    {
        var task3 = FixtureLists.ReadFolder("county-2025", defaultDeadline: null).Tasks[2];

        Assert.Equal("6月底前、12月底前", task3.Deadline.Text);
        Assert.Equal(["2025-06-30", "2025-12-31"], Dates(task3.Deadline));
        Assert.Equal(["各乡镇(街道)"], task3.Responsibility.Groups);
        Assert.Equal(Cadence.Quarterly, FixtureLists.ReadFolder("county-2025", null).Tasks[3].Deadline.Cadence); // 「每季度末」
    }

    [Fact]
    public void A_district_list_under_the_annex_title_of_plan_json_reads_labelled_lines()
    {
        var plan = FixtureLists.ReadFolder("district-2025", defaultDeadline: "6月底和年底前", annexTitle: "2025年重点任务分解和责任分工");

        Assert.Equal(Enumerable.Range(1, 5), plan.Tasks.Select(t => t.No));
        var task1 = plan.Tasks[0];
        Assert.Equal("严格落实《地方党政领导干部安全生产责任制规定》,开展安全生产巡查。", task1.Content);
        Assert.Equal(["区安委办"], task1.Responsibility.Leads);
        Assert.Equal(["区安委办", "区应急局", "区公安分局"], task1.Responsibility.Units);
        Assert.Equal(["2025-06-30", "2025-12-20"], Dates(task1.Deadline));
        Assert.Equal(["2025-06-30", "2025-12-31"], Dates(plan.Tasks[1].Deadline)); // the default, the inline clause has none
        Assert.Equal(["各街道"], plan.Tasks[2].Responsibility.Groups);
        Assert.Equal(25, plan.Tasks[3].Deadline.DayOfMonth);
        Assert.Equal(["区市场监管局"], plan.Tasks[4].Responsibility.Leads); // 〔责任单位:区市场监管局(牵头)、区应急局;9月底前〕
        Assert.Equal(new DateOnly(2025, 9, 30), plan.Tasks[4].Deadline.Date);
        Assert.Equal(["深化隐患排查治理"], plan.Tasks.Skip(2).Select(t => t.Action).Distinct());
    }

    [Fact]
    public void A_missing_annex_title_is_reported_and_the_list_is_still_read()
    {
        var text = "2025年重点工作任务清单\n1.召开全区安全生产工作会议(区安委办;3月底前)\n2.开展隐患排查(区应急局、区外星局;6月底前)";

        var (_, problems) = FixtureLists.Read(text, FixtureLists.Metadata(2025, annexTitle: "附件2:任务分工表"));

        Assert.Contains(problems, p => p.Field == "annex" && p.Message.Contains("「附件2:任务分工表」"));
        Assert.Contains(problems, p => p is { TaskNo: 2, Field: "responsibility" } && p.Message.Contains("「区外星局」"));
    }

    [Fact]
    public void A_stray_line_between_tasks_is_reported_with_its_line_and_the_tasks_after_it_are_still_checked()
    {
        var text = "任务清单\n1.开展巡查\n牵头单位:区安委办\n这一行不知所属\n2.开展排查(区外星局;6月底前)\n3.开展检查(区应急局;每月)";

        var (_, problems) = FixtureLists.Read(text, FixtureLists.Metadata(2025, defaultDeadline: "年底前"));

        Assert.Equal([(4, "line"), (5, "responsibility")], problems.Select(p => (p.Line ?? 0, p.Field)));
        Assert.Contains("「这一行不知所属」", problems[0].Message);
    }

    [Theory]
    [InlineData("1.开展巡查(区安委办;6月底前)")]
    [InlineData("1.开展巡查\uFF08区安委办\uFF1B6月底前\uFF09")]
    [InlineData("1.开展巡查〔区安委办;6月底前〕")]
    [InlineData("(一)开展巡查(区安委办;6月底前)")]
    [InlineData("一、开展巡查(区安委办;6月底前)")]
    [InlineData("1.开展巡查(区安委办牵头,6月底前完成)")]
    [InlineData("1.开展巡查(牵头单位:区安委办;完成时限:6月底前)")]
    [InlineData("1.开展巡查\n牵头单位:区安委办\n完成时限:6月底前")]
    [InlineData("1.开展巡查\n牵头单位:区安委办\n时间节点:6月底前")]
    [InlineData("1.开展巡查,6月底前完成\n责任单位:区安委办")]
    [InlineData("1.开展巡查(2025年6月底前)\n牵头单位:区安委办")]
    public void Every_form_of_one_task_reads_the_same(string text)
    {
        var (plan, problems) = FixtureLists.Read("任务清单\n" + text, FixtureLists.Metadata(2025));

        Assert.True(plan is not null, string.Join("\n", problems));
        var task = Assert.Single(plan!.Tasks);
        Assert.StartsWith("开展巡查", task.Content);
        Assert.Equal(["区安委办"], task.Responsibility.Units);
        Assert.Equal(new DateOnly(2025, 6, 30), task.Deadline.Date);
    }

    [Fact]
    public void A_bracket_of_content_at_the_end_of_a_sentence_is_not_taken_for_the_responsibility()
    {
        var (plan, problems) = FixtureLists.Read("任务清单\n1.排查矿山(含尾矿库)\n牵头单位:区应急局\n完成时限:年底前", FixtureLists.Metadata(2025));

        Assert.True(plan is not null, string.Join("\n", problems));
        Assert.Equal("排查矿山(含尾矿库)", plan!.Tasks[0].Content);
    }

    [Fact]
    public void A_text_with_no_numbered_task_is_one_problem_saying_how_tasks_are_written()
    {
        var (_, problems) = FixtureLists.Read("任务清单\n开展巡查,区安委办负责。", FixtureLists.Metadata(2025));

        var problem = Assert.Single(problems);
        Assert.Contains("「1.」「(一)」或「一、」", problem.Message);
    }
}
