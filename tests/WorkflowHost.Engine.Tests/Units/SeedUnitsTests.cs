using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Units;

public class SeedUnitsTests
{
    private static readonly UnitDirectory Units = SeedUnitDirectory.Instance;

    [Fact]
    public void Regions_AreThe14CitiesAndPrefecturesThenLanzhouNewArea_InOrder()
    {
        string[] expected =
        [
            "兰州市", "嘉峪关市", "金昌市", "白银市", "天水市", "武威市", "张掖市", "平凉市", "酒泉市", "庆阳市", "定西市", "陇南市",
            "临夏回族自治州", "甘南藏族自治州", "兰州新区",
        ];

        Assert.Equal(expected, Units.Regions.Select(unit => unit.Name));
    }

    [Fact]
    public void GansuMiningArea_IsARegion_ButNotCoveredByTheRegionsRule()
    {
        var miningArea = Units.Find("甘肃矿区");

        Assert.NotNull(miningArea);
        Assert.Equal(UnitKind.Region, miningArea.Kind);
        Assert.False(miningArea.InRegionsRule);
        Assert.DoesNotContain(miningArea, Units.Regions);
    }

    [Fact]
    public void EveryEmail_IsUnderTheReservedExampleDomain_AndUnique()
    {
        var emails = Units.Units.Select(unit => unit.Email).ToArray();

        Assert.All(emails, email => Assert.EndsWith(".example", email, StringComparison.Ordinal));
        Assert.Equal(emails.Length, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("省安委办", "省安委会办公室")]
    [InlineData("省广电总台", "甘肃广电总台")]
    [InlineData("甘肃省应急管理厅", "省应急厅")]
    [InlineData("临夏州", "临夏回族自治州")]
    [InlineData("甘南", "甘南藏族自治州")]
    [InlineData("兰州", "兰州市")]
    [InlineData("省应急厅", "省应急厅")]
    public void Find_ResolvesNamesFullNamesAndAliases_ToTheCanonicalUnit(string written, string canonical)
    {
        Assert.Equal(canonical, Units.Find(written)?.Name);
    }

    [Fact]
    public void BroadcastingBureauAndBroadcastingGroup_AreDifferentUnits()
    {
        // 省广电局 is the government bureau; 甘肃广电总台 (省广电总台 in the body) is the broadcaster.
        Assert.NotEqual(Units.Find("省广电局"), Units.Find("省广电总台"));
    }

    [Theory]
    [InlineData("负有安全监管职责的部门", "负有安全监管职责的部门")]
    [InlineData("各负有安全监管职责的部门", "负有安全监管职责的部门")]
    [InlineData("其他负有安全监管职责的部门", "负有安全监管职责的部门")]
    [InlineData("负有安全监管职责的有关部门", "负有安全监管职责的部门")]
    [InlineData("各负有监管职责的部门", "负有安全监管职责的部门")]
    [InlineData("省安委会各成员单位", "省安委会成员单位")]
    [InlineData("省安委会各有关成员单位", "省安委会成员单位")]
    [InlineData("各有关部门", "各有关部门")]
    public void FindGroup_ResolvesEveryWordingThePlanUses(string written, string canonical)
    {
        Assert.Equal(canonical, Units.FindGroup(written)?.Name);
    }

    [Fact]
    public void EveryGroup_IsMarkedAsConfigured_WithANoteSayingWhoMaintainsIt()
    {
        // The plan never lists the members of its groups, so no membership may pretend to come from it.
        Assert.All(Units.Groups, group =>
        {
            Assert.Equal(MembershipSource.Configured, group.MembershipSource);
            Assert.Contains("maintain", group.Note, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void MembersOf_ExpandsAGroupByAnyOfItsNames_ToDirectoryUnits()
    {
        var members = Units.MembersOf("各负有安全监管职责的部门");

        Assert.Contains(members, unit => unit.Name == "省应急厅");
        Assert.Contains(members, unit => unit.Name == "国家矿山安监局甘肃局");
        Assert.All(members, unit => Assert.Same(unit, Units.Find(unit.Name)));
    }

    [Fact]
    public void GroupsOf_IsDerivedFromTheGroupEntries()
    {
        var groups = Units.GroupsOf("省应急厅").Select(group => group.Name);

        Assert.Equal(["负有安全监管职责的部门", "省安委会成员单位", "各有关部门"], groups);
        Assert.Empty(Units.GroupsOf("兰州市"));
    }

    [Fact]
    public void MembersOf_UnknownGroup_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Units.MembersOf("外星部门"));

        Assert.Contains("外星部门", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("省安委会办公室", UnitKind.Office)]
    [InlineData("国家矿山安监局甘肃局", UnitKind.CentralAgency)]
    [InlineData("兰州铁路监管局", UnitKind.CentralAgency)]
    [InlineData("省消防救援总队", UnitKind.CentralAgency)]
    [InlineData("国网电力甘肃公司", UnitKind.Enterprise)]
    [InlineData("甘肃日报社", UnitKind.Enterprise)]
    [InlineData("省总工会", UnitKind.MassOrganization)]
    [InlineData("团省委", UnitKind.MassOrganization)]
    [InlineData("省委宣传部", UnitKind.ProvincialDepartment)]
    public void Kinds_FollowHowEachUnitIsManaged(string name, UnitKind kind)
    {
        Assert.Equal(kind, Units.Find(name)?.Kind);
    }
}
