using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Tests.Units;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Plans;

public class ResponsibilityParserTests
{
    private static readonly UnitDirectory Units = SeedUnitDirectory.Instance;

    private static Responsibility Parse(string text, bool regionsRuleInForce = false)
        => ResponsibilityParser.Parse(text, Units, regionsRuleInForce);

    [Theory]
    [MemberData(nameof(AnnexResponsibilities.TaskNumbers), MemberType = typeof(AnnexResponsibilities))]
    public void EveryAnnexTask_ParsesToTheLeadsUnitsAndGroupsThePlanNames(int task)
    {
        var expected = AnnexResponsibilities.Task(task);

        // Task 5 sets the rule for every later task; the caller passes that in from the task number.
        var parsed = Parse(expected.Text, regionsRuleInForce: task >= 5);

        Assert.Equal(expected.Text, parsed.Text);
        Assert.Equal(expected.Leads, parsed.Leads);
        Assert.Equal(expected.Units, parsed.Units);
        Assert.Equal(expected.Groups, parsed.Groups);
        Assert.Equal(task >= 5, parsed.Regions);
    }

    [Fact]
    public void TheAnnexTable_CoversTasks1To43()
    {
        Assert.Equal(Enumerable.Range(1, 43), AnnexResponsibilities.All.Select(task => task.Task));
    }

    [Fact]
    public void Task5_NamesTheRegionsByItself_WithoutTheRuleAndWithoutUnknownUnits()
    {
        var parsed = Parse(AnnexResponsibilities.Task(5).Text, regionsRuleInForce: false);

        Assert.True(parsed.Regions);
        Assert.Empty(parsed.Units);
        Assert.Empty(parsed.Groups);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Regions_FollowTheRule_WhenTheTextDoesNotMentionThem(bool regionsRuleInForce)
    {
        Assert.Equal(regionsRuleInForce, Parse("省安委会办公室", regionsRuleInForce).Regions);
    }

    [Fact]
    public void RegionsNamedAlongsideUnits_AreRegionsNotTheUnit兰州新区()
    {
        var parsed = Parse("省应急厅、各市州、兰州新区分工负责");

        Assert.True(parsed.Regions);
        Assert.Equal(["省应急厅"], parsed.Units);
    }

    [Fact]
    public void AUnitWrittenAlone_OwnsTheTask_ButIsNotALead()
    {
        // Only 牵头 makes a lead: the plan writes 「省安委会办公室牵头」 when it means one.
        var parsed = Parse("省安委会办公室");

        Assert.Empty(parsed.Leads);
        Assert.Equal(["省安委会办公室"], parsed.Units);
    }

    [Fact]
    public void AnAlias_ResolvesToTheCanonicalName()
    {
        var parsed = Parse("省安委办牵头,各负有安全监管职责的部门分工负责");

        Assert.Equal(["省安委会办公室"], parsed.Leads);
        Assert.Equal(["省安委会办公室"], parsed.Units);
    }

    [Fact]
    public void BodyWording省广电总台_IsTheSameUnitAsAnnexWording甘肃广电总台()
    {
        var body = Parse("省委宣传部、省应急厅、甘肃日报社、省广电总台分工负责");
        var annex = Parse(AnnexResponsibilities.Task(13).Text);

        Assert.Equal(annex.Units, body.Units);
    }

    [Fact]
    public void SeveralLeadsEachLeadingTheirShare_AreAllLeads()
    {
        var parsed = Parse("省应急厅、省卫生健康委、省文物局、省商务厅、省消防救援总队等分别牵头,各有关部门按职责分工负责");

        Assert.Equal(["省应急厅", "省卫生健康委", "省文物局", "省商务厅", "省消防救援总队"], parsed.Leads);
        Assert.Equal(["各有关部门"], parsed.Groups);
    }

    [Fact]
    public void AnOpenEnding等有关部门单位_NamesNoGroup()
    {
        var parsed = Parse("省应急厅、国网电力甘肃公司等有关部门单位按职责分工负责");

        Assert.Equal(["省应急厅", "国网电力甘肃公司"], parsed.Units);
        Assert.Empty(parsed.Groups);
    }

    [Fact]
    public void 及_SeparatesNames_And其他_IsPartOfTheGroupWording()
    {
        var parsed = Parse("省应急厅、省交通运输厅、省住建厅、省公安厅、省文旅厅、省市场监管局、省教育厅、省民政厅、省消防救援总队、省委党校及其他负有安全监管职责的部门分工负责");

        Assert.Equal(10, parsed.Units.Count);
        Assert.Equal("省委党校", parsed.Units[^1]);
        Assert.Equal(["负有安全监管职责的部门"], parsed.Groups);
    }

    [Theory]
    [InlineData("省安委会办公室牵头,省安委会各有关成员单位分工负责")]
    [InlineData("省安委会办公室牵头\uFF0C省安委会各有关成员单位分工负责")]
    [InlineData("省安委会办公室牵头;省安委会各有关成员单位分工负责")]
    [InlineData("省安委会办公室牵头\uFF1B省安委会各有关成员单位分工负责")]
    [InlineData(" 省安委会办公室牵头 \uFF0C 省安委会各有关成员单位分工负责。")]
    public void AsciiAndFullWidthPunctuation_ReadTheSame(string text)
    {
        var parsed = Parse(text);

        Assert.Equal(["省安委会办公室"], parsed.Leads);
        Assert.Equal(["省安委会成员单位"], parsed.Groups);
    }

    [Fact]
    public void AUnitNamedTwice_IsListedOnce_AtItsFirstMention()
    {
        var parsed = Parse("省应急厅牵头,省公安厅、省应急厅及负有安全监管职责的部门、各负有安全监管职责的部门分工负责");

        Assert.Equal(["省应急厅"], parsed.Leads);
        Assert.Equal(["省应急厅", "省公安厅"], parsed.Units);
        Assert.Equal(["负有安全监管职责的部门"], parsed.Groups);
    }

    [Fact]
    public void AUnitThatTakesChargeAlone_IsAUnitNotALead()
    {
        // Plan body task 25: 「(省应急厅负责)」.
        var parsed = Parse("省应急厅负责");

        Assert.Empty(parsed.Leads);
        Assert.Equal(["省应急厅"], parsed.Units);
    }

    [Theory]
    [InlineData("省外星厅牵头", "单位目录中没有「省外星厅」(原文「省外星厅牵头」)")]
    [InlineData("省应急厅、省外星厅及负有安全监管职责的部门分工负责", "单位目录中没有「省外星厅」(原文「省应急厅、省外星厅及负有安全监管职责的部门分工负责」)")]
    [InlineData("省应急厅;2月底前完成", "单位目录中没有「2月底前完成」")]
    public void AnUnknownName_IsAnError_NamingTheNameAndTheText(string text, string message)
    {
        var error = Assert.Throws<ResponsibilityFormatException>(() => Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void 各生产经营单位_IsNotADirectoryUnit()
    {
        // Plan body tasks 6 and 18–20 name every enterprise; those are the supervised, not units the engine assigns work to.
        var error = Assert.Throws<ResponsibilityFormatException>(() => Parse("各生产经营单位及负有安全监管职责的部门分工负责"));

        Assert.Contains("单位目录中没有「各生产经营单位」", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGroupCannotLead()
    {
        var error = Assert.Throws<ResponsibilityFormatException>(() => Parse("负有安全监管职责的部门牵头"));

        Assert.Contains("「负有安全监管职责的部门」是一组单位,不能牵头", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("省应急厅牵头,分工负责")]
    public void ATextOrClauseNamingNothing_IsAnError(string text)
    {
        Assert.Throws<ResponsibilityFormatException>(() => Parse(text));
    }

    // Issue 16, part 2: the grammar of other offices' lists, against a directory that holds their names.
    private static Responsibility ParseDistrict(string text) => ResponsibilityParser.Parse(text, DistrictUnitDirectory.Instance, false);

    [Theory]
    [InlineData("区应急局牵头,各县(市、区)负责", DistrictUnitDirectory.Counties)]
    [InlineData("区应急局牵头,各县\uFF08市、区\uFF09负责", DistrictUnitDirectory.Counties)]
    [InlineData("区应急局牵头,各县\u3014市、区\u3015负责", DistrictUnitDirectory.Counties)]
    [InlineData("区应急局牵头,各镇(街道)负责", DistrictUnitDirectory.Towns)]
    [InlineData("区应急局牵头,各镇\uFF08街道\uFF09负责", DistrictUnitDirectory.Towns)]
    public void ABracketInsideAName_IsKeptWhole_InEitherBracketWidth(string text, string group)
    {
        var parsed = ParseDistrict(text);

        Assert.Equal(["区应急局"], parsed.Leads);
        Assert.Equal([group], parsed.Groups);
    }

    [Fact]
    public void AnUnknownBracketedName_IsReportedWhole_NeverAsAFragment()
    {
        var error = Assert.Throws<ResponsibilityFormatException>(() => Parse("省应急厅牵头,各县(市、区)负责"));

        Assert.Contains("单位目录中没有「各县(市、区)」", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("区应急局、区公安分局(详见任务分工)", "详见任务分工")]
    [InlineData("区应急局、区公安分局\uFF08按职责分工负责\uFF09", "按职责分工负责")]
    [InlineData("区应急局(按职责分工负责)、区公安分局", "按职责分工负责")]
    public void AnAsideInBrackets_IsNoPartOfAName_AndIsKeptAsANote(string text, string note)
    {
        var parsed = ParseDistrict(text);

        Assert.Equal(["区应急局", "区公安分局"], parsed.Units);
        Assert.Equal([note], parsed.Notes);
    }

    [Fact]
    public void ATextWithoutAsides_HasNoNotes()
    {
        Assert.Empty(Parse(AnnexResponsibilities.Task(1).Text).Notes);
    }

    [Theory]
    [InlineData("区应急局、区公安分局、区住建局")]
    [InlineData("区应急局,区公安分局;区住建局")]
    [InlineData("区应急局\uFF0C区公安分局\uFF1B区住建局")]
    [InlineData("区应急局、区公安分局和区住建局")]
    [InlineData("区应急局、区公安分局及区住建局")]
    [InlineData("区应急局、区公安分局以及区住建局")]
    public void EverySeparator_SeparatesNames(string text)
    {
        Assert.Equal(["区应急局", "区公安分局", "区住建局"], ParseDistrict(text).Units);
    }

    [Theory]
    [InlineData("甘肃省住房和城乡建设厅、甘肃省文化和旅游厅和省应急厅分工负责", new[] { "省住建厅", "省文旅厅", "省应急厅" })]
    [InlineData("区退役军人和老干部局和区应急局", new[] { "区退役军人和老干部局", "区应急局" })]
    public void 和InsideANameTheDirectoryHolds_DoesNotSplitIt(string text, string[] units)
    {
        Assert.Equal(units, ParseDistrict(text).Units);
    }

    [Theory]
    [InlineData("区安委办牵头,区应急局配合", false)]
    [InlineData("区安委办牵头,区应急局协同", false)]
    [InlineData("区安委办牵头,区应急局会同", false)]
    [InlineData("区安委办牵头,区应急局参与", false)]
    [InlineData("区安委办牵头,区应急局负责", false)]
    [InlineData("区安委办牵头,区应急局分工负责", false)]
    public void 牵头Leads_AndEveryOtherVerbMakesACoUnit(string text, bool secondLeads)
    {
        var parsed = ParseDistrict(text);

        Assert.Equal(["区安委办"], parsed.Leads);
        Assert.Equal(["区安委办", "区应急局"], parsed.Units);
        Assert.Equal(secondLeads, parsed.Leads.Contains("区应急局"));
    }

    [Fact]
    public void TheGroupDescriptionAfter等_NamesNoUnit()
    {
        var parsed = ParseDistrict("区安委办牵头,区应急局、区公安分局、区住建局等县直部门协同");

        Assert.Equal(["区安委办"], parsed.Leads);
        Assert.Equal(["区安委办", "区应急局", "区公安分局", "区住建局"], parsed.Units);
        Assert.Empty(parsed.Groups);
    }

    [Theory]
    [InlineData("牵头单位:区安委办;配合单位:区应急局、区公安分局")]
    [InlineData("牵头单位\uFF1A区安委办\uFF1B配合单位\uFF1A区应急局、区公安分局")]
    [InlineData("(牵头单位:区安委办;配合单位:区应急局、区公安分局)")]
    [InlineData("\uFF08牵头单位\uFF1A区安委办\uFF1B协办单位\uFF1A区应急局、区公安分局\uFF09")]
    [InlineData("牵头单位:区安委办;责任单位:区应急局;配合单位:区公安分局")]
    public void Labels_GiveTheRole_AndAreNeverPartOfAName(string text)
    {
        var parsed = ParseDistrict(text);

        Assert.Equal(["区安委办"], parsed.Leads);
        Assert.Equal(["区安委办", "区应急局", "区公安分局"], parsed.Units);
    }

    [Fact]
    public void ALabelGluedToTheOnlyName_IsStillALabel()
    {
        var parsed = ParseDistrict("责任单位:区安委办");

        Assert.Empty(parsed.Leads);
        Assert.Equal(["区安委办"], parsed.Units);
    }

    [Fact]
    public void NamesAfterALabel_KeepItsRole_UntilTheNextLabel()
    {
        var parsed = ParseDistrict("牵头单位:区安委办,区应急局;配合单位:区公安分局");

        Assert.Equal(["区安委办", "区应急局"], parsed.Leads);
        Assert.Equal(["区安委办", "区应急局", "区公安分局"], parsed.Units);
    }

    [Fact]
    public void ANameWrittenOnceForTwoBodies_IsBothBodies()
    {
        Assert.Equal(["各县区党委", "各县区政府"], ParseDistrict("各县区党委、政府分工负责").Units);
    }

    [Fact]
    public void TwoPrefixesAndTwoSuffixes_AreFourBodies_PrefixByPrefix()
    {
        Assert.Equal(
            ["甲园区党工委", "甲园区管委会", "乙园区党工委", "乙园区管委会"],
            ParseDistrict("区安委办牵头,甲园区、乙园区党工委、管委会配合").Units.Skip(1));
    }

    [Fact]
    public void ASuffixTheDirectoryCannotComplete_IsNotExpanded_AndIsReported()
    {
        // 乙园区政府 is no unit: the parser cannot tell what 「政府」 means here, so it reports it instead of guessing.
        var error = Assert.Throws<ResponsibilityFormatException>(() => ParseDistrict("乙园区党工委、政府"));

        Assert.Contains("单位目录中没有「政府」", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("责任单位:区应急局(牵头)、区公安分局")]
    [InlineData("区应急局\uFF08牵头\uFF09、区公安分局")]
    [InlineData("区应急局(牵头),区公安分局(配合)")]
    public void AVerbAloneInBrackets_IsTheRoleOfTheNameBeforeIt(string text)
    {
        var parsed = ParseDistrict(text);

        Assert.Equal(["区应急局"], parsed.Leads);
        Assert.Equal(["区应急局", "区公安分局"], parsed.Units);
        Assert.Empty(parsed.Notes);
    }
}
