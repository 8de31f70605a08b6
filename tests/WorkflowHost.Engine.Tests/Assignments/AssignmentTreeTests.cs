using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Tests.Units;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Assignments;

/// <summary>Who reports to whom: co-units to their lead, 县区 to their city.</summary>
public class AssignmentTreeTests
{
    private static readonly UnitDirectory Directory = SeedUnitDirectory.Instance;

    private static PlanTask Task(int no, Responsibility responsibility) =>
        new(no, "内容", null, new Deadline("12月底前完成", DeadlineKind.Due, new DateOnly(2024, 12, 31), null), responsibility, Cadence.Monthly);

    [Fact]
    public void WithOneLead_EveryOtherShare_ReportsToTheLead_AndTheLeadComesFirst()
    {
        // Task 38: 省应急厅牵头,各负有安全监管职责的部门分工负责 (the lead is also a member of the group).
        var planned = AssignmentPlanner.Expand(Task(38, new Responsibility("…", ["省应急厅"], ["省应急厅"], ["负有安全监管职责的部门"], false)), Directory);

        Assert.Equal(("省应急厅", AssignmentRole.Lead, (string?)null), (planned[0].Unit, planned[0].Role, planned[0].Parent));
        Assert.Single(planned, p => p.Unit == "省应急厅");
        Assert.All(planned.Skip(1), p => Assert.Equal("省应急厅", p.Parent));
        Assert.Equal(Directory.MembersOf("负有安全监管职责的部门").Count, planned.Count);
    }

    [Fact]
    public void SeveralLeads_ReportToTheWorkingGroup_UnlessTheirLeadIsConfigured()
    {
        var responsibility = new Responsibility("…", ["省应急厅", "省卫生健康委"], ["省应急厅", "省卫生健康委", "省公安厅", "省交通运输厅"], [], false);

        var unconfigured = AssignmentPlanner.Expand(Task(7, responsibility), Directory);
        var configured = AssignmentPlanner.Expand(Task(7, responsibility), Directory,
            new Dictionary<string, string> { ["省公安厅"] = "省卫生健康委", ["省交通运输厅"] = "省交通运输厅" });

        Assert.All(unconfigured, p => Assert.Null(p.Parent));
        Assert.Equal("省卫生健康委", configured.Single(p => p.Unit == "省公安厅").Parent);
        // A configured "lead" that is not a lead of this task is ignored: the share goes to the working group.
        Assert.Null(configured.Single(p => p.Unit == "省交通运输厅").Parent);
    }

    [Fact]
    public void RegionsUnderTask5sRule_HaveNoProvinceLevelParent()
    {
        var planned = AssignmentPlanner.Expand(Task(20, new Responsibility("…", ["省应急厅"], ["省应急厅"], [], true)), Directory);

        Assert.All(planned.Where(p => p.Role == AssignmentRole.Region), p => Assert.Null(p.Parent));
        Assert.Contains(planned, p => p.Unit == "兰州市");
    }

    [Fact]
    public void Lanzhou_HasItsCountiesAndItsEmergencyBureau_AsSubUnits()
    {
        var subUnits = Directory.SubUnitsOf("兰州").Select(u => u.Name).ToList();

        Assert.Equal(["城关区", "七里河区", "西固区", "安宁区", "红古区", "永登县", "皋兰县", "榆中县", "兰州市应急局"], subUnits);
        Assert.Equal(UnitKind.County, Directory.Find("兰州市榆中县")!.Kind);
        Assert.Equal(UnitKind.LocalDepartment, Directory.Find("兰州市应急管理局")!.Kind);
        Assert.Empty(Directory.SubUnitsOf("城关区"));
        Assert.DoesNotContain(Directory.Regions, r => r.Parent is not null);
    }

    [Theory]
    [InlineData("""{ "name": "城关区", "kind": "county", "email": "a@x.example", "parent": "天水" }""", "parent '天水' is not a unit")]
    [InlineData("""{ "name": "城关区", "kind": "county", "email": "a@x.example", "parent": "城关区" }""", "go round in a circle")]
    public void AParent_MustBeAnotherUnit_AndParentsNeverGoRound(string entry, string message)
    {
        using var file = new TempUnitsFile($$"""{ "units": [ { "name": "兰州市", "kind": "region", "email": "lz@x.example" }, {{entry}} ] }""");

        var error = Assert.Throws<DirectoryFormatException>(() => UnitDirectory.Load(file.FilePath));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AParentGivenByAlias_IsStoredByItsName()
    {
        using var file = new TempUnitsFile("""
            { "units": [ { "name": "兰州市", "aliases": ["兰州"], "kind": "region", "email": "lz@x.example" },
                         { "name": "城关区", "kind": "county", "email": "cg@x.example", "parent": "兰州" },
                         { "name": "某街道", "kind": "local-department", "email": "jd@x.example", "parent": "城关区" } ] }
            """);

        var directory = UnitDirectory.Load(file.FilePath);

        Assert.Equal("兰州市", directory.Find("城关区")!.Parent);
        Assert.Equal(["某街道"], directory.SubUnitsOf("城关区").Select(u => u.Name));
    }
}
