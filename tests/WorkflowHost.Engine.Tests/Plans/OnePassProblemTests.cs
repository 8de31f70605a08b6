using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>Issue 16, part 4: one run reports every problem of a list — every unknown name of every task, with the nearest
/// directory names — and a layout problem does not hide the tasks' own problems.</summary>
public class OnePassProblemTests
{
    private const string FiveUnknownNames = """
        2025年重点任务分解和责任分工
        一、强化安全责任落实
        1.开展安全生产巡查
        牵头单位:区安委会办
        配合单位:区应急管理局、区公安局
        完成时限:6月底前
        2.开展燃气隐患排查(区住建委牵头,区市场监督局配合;年底前)
        3.开展道路交通整治(区公安分局;尽快)
        """;

    [Fact]
    public void Every_unknown_name_of_every_task_is_reported_with_suggestions_in_one_run()
    {
        var (plan, problems) = FixtureLists.Read(FiveUnknownNames, FixtureLists.Metadata(2025));

        Assert.Null(plan);
        var unknown = problems.Where(p => p.Field == "responsibility").ToArray();
        Assert.Equal(["区安委会办", "区应急管理局", "区公安局", "区住建委", "区市场监督局"],
            unknown.Select(p => p.Message[(p.Message.IndexOf('「') + 1)..p.Message.IndexOf('」')]));
        Assert.Equal([3, 3, 3, 7, 7], unknown.Select(p => p.Line ?? 0));
        Assert.Contains("区安委办", unknown[0].Suggestions);
        Assert.Equal("区应急局", unknown[1].Suggestions[0]);
        Assert.Contains("区公安分局", unknown[2].Suggestions);
        Assert.Equal("区住建局", unknown[3].Suggestions[0]);
        Assert.Equal("区市场监管局", unknown[4].Suggestions[0]);
        // The deadline of task 3 is reported in the same run, after them, in the order of the file.
        Assert.Equal((8, 3, "deadline"), (problems[^1].Line, problems[^1].TaskNo, problems[^1].Field));
    }

    [Fact]
    public void A_problem_reads_in_chinese_with_its_line_task_field_and_suggestions()
    {
        var (_, problems) = FixtureLists.Read(FiveUnknownNames, FixtureLists.Metadata(2025));

        Assert.Equal("list.txt:7: 任务2 责任单位: 单位目录中没有「区住建委」(原文「区住建委牵头,区市场监督局配合」)(是否为:区住建局)", problems[3].ToString());
    }

    [Fact]
    public void A_layout_problem_does_not_hide_the_deadline_and_unit_problems_after_it()
    {
        var text = "任务清单\n1.开展巡查(区安委办;6月底前)\n2.开展排查(区应急局;6月底前)\n2.开展检查(区外星局;13月底前)\n4.开展宣传(区教育局;年底前)";

        var (_, problems) = FixtureLists.Read(text, FixtureLists.Metadata(2025));

        Assert.Contains(problems, p => p is { Line: 4, Field: "no" } && p.Message == "序号2出现两次(第一次在第3行)");
        Assert.Contains(problems, p => p is { TaskNo: 3, Field: "no" } && p.Message.StartsWith("缺少任务3"));
        Assert.Contains(problems, p => p is { Line: 4, Field: "responsibility" } && p.Message.Contains("「区外星局」"));
        Assert.Contains(problems, p => p is { Line: 4, Field: "deadline" } && p.Message.Contains("没有13月"));
    }

    [Fact]
    public void Suggestions_are_only_names_near_enough()
    {
        Assert.Empty(NameSuggestions.For("中华人民共和国交通运输部", FixtureLists.Directory));
        Assert.Equal("各乡镇(街道)", NameSuggestions.For("各乡镇(街道)办", FixtureLists.Directory)[0]);
        Assert.True(NameSuggestions.For("区", FixtureLists.Directory).Count <= NameSuggestions.Max);
    }
}
