using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Units;

/// <summary>A directory that would mislead the parser or send mail to a real address must not load; the message must say where.</summary>
public class UnitDirectoryValidationTests
{
    private const string Emergency = """{ "name": "省应急厅", "kind": "provincial-department", "email": "yjt@gansu.example" }""";
    private const string Police = """{ "name": "省公安厅", "kind": "provincial-department", "email": "gat@gansu.example" }""";

    private static string DirectoryJson(string units, string groups = "")
        => $$"""{ "units": [ {{units}} ], "groups": [ {{groups}} ] }""";

    private static string Group(string name, string members, string aliases = "")
        => $$"""{ "name": "{{name}}", "aliases": [ {{aliases}} ], "membership": "configured", "note": "maintained by the working group", "members": [ {{members}} ] }""";

    private static DirectoryFormatException LoadFails(string json, params string[] expectedInMessage)
    {
        using var file = new TempUnitsFile(json);
        var error = Assert.Throws<DirectoryFormatException>(() => UnitDirectory.Load(file.FilePath));
        Assert.Contains(file.FilePath, error.Message, StringComparison.Ordinal);
        foreach (var expected in expectedInMessage)
        {
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    [Fact]
    public void AValidFile_Loads()
    {
        using var file = new TempUnitsFile(DirectoryJson($"{Emergency}, {Police}", Group("负有安全监管职责的部门", "\"省应急厅\"")));

        var directory = UnitDirectory.Load(file.FilePath);

        Assert.Equal(2, directory.Units.Count);
        Assert.Equal(["省应急厅"], directory.Groups.Single().Members);
    }

    [Fact]
    public void DuplicateUnitName_IsRejected()
        => LoadFails(DirectoryJson($"{Emergency}, {Emergency.Replace("yjt@", "yjt2@", StringComparison.Ordinal)}"), "'省应急厅'", "already used");

    [Fact]
    public void AliasUsedByAnotherUnit_IsRejected()
        => LoadFails(
            DirectoryJson($$"""{{Emergency}}, { "name": "省公安厅", "aliases": ["省应急厅"], "kind": "provincial-department", "email": "gat@gansu.example" }"""),
            "unit '省公安厅'", "name '省应急厅' is already used by unit '省应急厅'");

    [Fact]
    public void GroupAliasEqualToAUnitName_IsRejected()
        => LoadFails(
            DirectoryJson(Emergency, Group("负有安全监管职责的部门", "\"省应急厅\"", aliases: "\"省应急厅\"")),
            "group '负有安全监管职责的部门'", "already used by unit '省应急厅'");

    [Theory]
    [InlineData("yjt@gansu.gov.cn")]
    [InlineData("yjt@example.com")]
    [InlineData("yjt@example")]
    [InlineData("yjt.gansu.example")]
    [InlineData("yjt@@gansu.example")]
    [InlineData("a..b@gansu.example")]
    [InlineData(".yjt@gansu.example")]
    [InlineData("yjt.@gansu.example")]
    [InlineData("")]
    public void EmailNotUnderTheExampleDomainOrMalformed_IsRejected(string email)
        => LoadFails(
            DirectoryJson($$"""{ "name": "省应急厅", "kind": "provincial-department", "email": "{{email}}" }"""),
            "unit '省应急厅'", $"email '{email}'");

    [Fact]
    public void DuplicateEmail_IsRejected()
        => LoadFails(DirectoryJson($"{Emergency}, {Police.Replace("gat@", "YJT@", StringComparison.Ordinal)}"), "unit '省公安厅'", "already used by unit '省应急厅'");

    [Fact]
    public void GroupMemberThatIsNotAUnit_IsRejected()
        => LoadFails(DirectoryJson(Emergency, Group("负有安全监管职责的部门", "\"省外星厅\"")), "group '负有安全监管职责的部门'", "member '省外星厅' is not a unit");

    [Fact]
    public void GroupMemberGivenByAlias_IsStoredCanonical()
    {
        using var file = new TempUnitsFile(DirectoryJson(
            """{ "name": "省安委会办公室", "aliases": ["省安委办"], "kind": "office", "email": "anweiban@gansu.example" }""",
            Group("工作专班", "\"省安委办\"")));

        Assert.Equal(["省安委会办公室"], UnitDirectory.Load(file.FilePath).Groups.Single().Members);
    }

    [Fact]
    public void UnknownKind_IsRejected_ListingTheKnownKinds()
        => LoadFails(
            DirectoryJson("""{ "name": "省应急厅", "kind": "ministry", "email": "yjt@gansu.example" }"""),
            "unit #1 ('省应急厅')", "unknown kind 'ministry'", "provincial-department");

    [Theory]
    [InlineData("""{ "kind": "office", "email": "a@gansu.example" }""", "unit #1", "'name'")]
    [InlineData("""{ "name": "省应急厅", "email": "a@gansu.example" }""", "unit #1 ('省应急厅')", "'kind'")]
    [InlineData("""{ "name": "省应急厅", "kind": "office" }""", "unit #1 ('省应急厅')", "'email'")]
    public void MissingRequiredField_IsRejected_NamingTheUnitAndField(string unit, string where, string field)
        => LoadFails(DirectoryJson(unit), where, "missing field", field);

    [Fact]
    public void MissingUnitsArray_IsRejected()
        => LoadFails("""{ "groups": [] }""", "missing field 'units'");

    [Fact]
    public void ConfiguredGroupWithoutNote_IsRejected()
        => LoadFails(
            DirectoryJson(Emergency, """{ "name": "各有关部门", "membership": "configured", "members": ["省应急厅"] }"""),
            "group '各有关部门'", "note");

    [Fact]
    public void MisspeltField_IsRejected_NotIgnored()
        => LoadFails(DirectoryJson("""{ "name": "省应急厅", "kind": "office", "email": "a@gansu.example", "fullname": "甘肃省应急管理厅" }"""), "fullname");

    [Fact]
    public void InvalidJson_IsRejected()
        => LoadFails("""{ "units": [ """);

    [Fact]
    public void RegionsRuleOnANonRegion_IsRejected()
        => LoadFails(
            DirectoryJson("""{ "name": "省应急厅", "kind": "provincial-department", "email": "yjt@gansu.example", "inRegionsRule": true }"""),
            "unit '省应急厅'", "inRegionsRule");

    [Fact]
    public void NameContainingASeparator_IsRejected()
        => LoadFails(
            DirectoryJson("""{ "name": "省应急厅、省公安厅", "kind": "provincial-department", "email": "yjt@gansu.example" }"""),
            "'省应急厅、省公安厅'", "separates names");

    [Theory]
    [InlineData("各县(市)、区")]
    [InlineData("区(应急局")]
    [InlineData("区应急局)")]
    [InlineData("区((应急))局")]
    public void ASeparatorOutsideBrackets_OrUnbalancedBrackets_AreRejected(string name)
        => LoadFails(DirectoryJson($$"""{ "name": "{{name}}", "kind": "office", "email": "a@gansu.example" }"""), $"'{name}'");

    [Theory]
    [InlineData("各县(市、区)")]
    [InlineData("各镇\uFF08街道\uFF09")]
    public void ASeparatorInsideOneBracketPair_IsPartOfTheName(string name)
    {
        // A county's list names 「各县(市、区)」 as one body; the responsibility parser keeps the bracket whole.
        using var file = new TempUnitsFile(DirectoryJson($$"""{ "name": "{{name}}", "kind": "office", "email": "a@gansu.example" }"""));

        Assert.NotNull(UnitDirectory.Load(file.FilePath).Find(name));
    }

    [Fact]
    public void RegionsRule_DefaultsToTrueForRegionsOnly()
    {
        using var file = new TempUnitsFile(DirectoryJson(
            $$"""{{Emergency}}, { "name": "兰州市", "kind": "region", "email": "lanzhou@gansu.example" }"""));

        var directory = UnitDirectory.Load(file.FilePath);

        Assert.Equal(["兰州市"], directory.Regions.Select(unit => unit.Name));
    }
}
