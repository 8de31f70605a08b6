using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Tests.Units;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Assignments;

/// <summary>Issue 15 part 5: a unit's part in a task is titled as the plan's parenthesis names it. Tasks 1, 4 and 6 name
/// 省安委会(各有关)成员单位, whose members were titled 「负有监管职责」; tasks 2 and 3 name 省安委会办公室 alone, titled
/// 「分工负责」 with no one to share the work. The texts are the 2024 plan's, read by the plan's own parser.</summary>
public class AssignmentRoleTitleTests
{
    private static readonly UnitDirectory Directory = SeedUnitDirectory.Instance;

    private static Dictionary<string, string> TitlesOf(int no, string text, bool regions = false)
    {
        var named = ResponsibilityParser.Parse(text, Directory, regions);
        var task = new PlanTask(no, "内容", null, new Deadline("12月底前完成", DeadlineKind.Due, new DateOnly(2024, 12, 31), null), named, Cadence.Monthly);
        return AssignmentPlanner.Expand(task, Directory).ToDictionary(p => p.Unit, p => AssignmentRoleTitles.Of(p.Role, p.Unit, named, Directory));
    }

    [Fact]
    public void The_member_units_of_the_committee_are_its_member_units_under_the_offices_lead()
    {
        var titles = TitlesOf(1, "省安委会办公室牵头,省安委会各有关成员单位分工负责");

        Assert.Equal("牵头", titles["省安委会办公室"]);
        Assert.Equal("成员单位", titles["省应急厅"]);
        Assert.DoesNotContain(titles.Values, t => t.Contains("监管职责", StringComparison.Ordinal));
    }

    [Fact]
    public void Members_alone_are_member_units_and_the_office_named_alone_is_in_charge()
    {
        Assert.All(TitlesOf(4, "省安委会各有关成员单位分工负责").Values, t => Assert.Equal("成员单位", t));
        Assert.Equal(new Dictionary<string, string> { ["省安委会办公室"] = "牵头" }, TitlesOf(2, "省安委会办公室"));
    }

    [Fact]
    public void Named_units_share_the_supervising_departments_are_that_group_and_regions_carry_it_locally()
    {
        var titles = TitlesOf(9, "省教育厅、省民政厅、省消防救援总队及其他负有安全监管职责的部门分工负责", regions: true);

        Assert.Equal("分工负责", titles["省教育厅"]);
        Assert.Equal("负有安全监管职责的部门", titles["省应急厅"]);
        Assert.Equal("属地落实", titles["兰州市"]);
        // 各有关部门 names no standing body: its members share the work.
        Assert.Equal("分工负责", TitlesOf(7, "省应急厅、省卫生健康委等分别牵头,各有关部门按职责分工负责")["省公安厅"]);
    }

    [Fact]
    public void Every_role_has_a_Chinese_title_without_the_plan_too() =>
        Assert.All(Enum.GetValues<AssignmentRole>(), role => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", AssignmentRoleTitles.Of(role)));
}
