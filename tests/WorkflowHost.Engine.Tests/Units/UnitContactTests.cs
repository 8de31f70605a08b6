using System.Text.RegularExpressions;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Tests.Units;

/// <summary>
/// Each unit's contact (联系人 and 联系电话) in the directory: read with the unit, refused on load when it is not a name
/// and a phone number — in Chinese, naming the file, the unit and the field — and, in the seed, made up: no real person
/// or line (某联络员, 0931-0000NNN), one per unit.
/// </summary>
public class UnitContactTests
{
    private static string Directory(string contactFields) =>
        $$"""{ "units": [ { "name": "省应急厅", "kind": "provincial-department", "email": "yjt@gansu.example"{{contactFields}} } ] }""";

    [Fact]
    public void A_contact_is_read_with_its_unit()
    {
        using var file = new TempUnitsFile(Directory(""", "contact": "张联络员", "phone": "0931-0000001" """));

        var unit = UnitDirectory.Load(file.FilePath).Find("省应急厅")!;

        Assert.Equal(new UnitContact("张联络员", "0931-0000001"), unit.Contact);
        Assert.Equal("张联络员 0931-0000001", unit.Contact!.ToString());
    }

    [Fact]
    public void A_unit_without_a_contact_loads_without_one()
    {
        using var file = new TempUnitsFile(Directory(""));

        Assert.Null(UnitDirectory.Load(file.FilePath).Find("省应急厅")!.Contact);
    }

    [Theory]
    [InlineData(""", "phone": "0931-0000001" """, "联系人(contact)未填写")]
    [InlineData(""", "contact": "张联络员" """, "联系电话(phone)未填写")]
    [InlineData(""", "contact": "张", "phone": "0931-0000001" """, "联系人(contact)「张」长度为 1 个字")]
    [InlineData(""", "contact": "张联络员张联络员张联络员张联络员张联络员张", "phone": "0931-0000001" """, "应为 2–20 个字")]
    [InlineData(""", "contact": "Zhang San", "phone": "0931-0000001" """, "联系人(contact)「Zhang San」只能由汉字组成")]
    [InlineData(""", "contact": "张 联络员", "phone": "0931-0000001" """, "只能由汉字组成")]
    [InlineData(""", "contact": "张联络员", "phone": "0931 0000001" """, "联系电话(phone)「0931 0000001」格式不对")]
    [InlineData(""", "contact": "张联络员", "phone": "09310000001" """, "格式不对")]
    [InlineData(""", "contact": "张联络员", "phone": "1380000000" """, "格式不对")]
    [InlineData(""", "contact": "张联络员", "phone": "0931-0000001<script>" """, "格式不对")]
    public void A_contact_that_is_not_a_name_and_a_phone_is_refused_in_Chinese_naming_the_unit_and_the_field(string fields, string expected)
    {
        using var file = new TempUnitsFile(Directory(fields));

        var error = Assert.Throws<DirectoryFormatException>(() => UnitDirectory.Load(file.FilePath));

        Assert.Contains(file.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("单位「省应急厅」的", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("阿依古丽·买买提", "13800000000")]
    [InlineData("王联络员", "0931-00000001-12")]
    public void Minority_names_mobiles_and_extensions_are_accepted(string person, string phone)
    {
        using var file = new TempUnitsFile(Directory($$""", "contact": "{{person}}", "phone": "{{phone}}" """));

        Assert.Equal(new UnitContact(person, phone), UnitDirectory.Load(file.FilePath).Find("省应急厅")!.Contact);
    }

    [Fact]
    public void Every_seed_unit_has_a_made_up_contact_of_its_own()
    {
        var units = SeedUnitDirectory.Instance.Units;

        Assert.All(units, u => Assert.NotNull(u.Contact));
        Assert.All(units, u => Assert.Matches("^[\u4E00-\u9FFF]联络员$", u.Contact!.Person));
        Assert.All(units, u => Assert.Matches(new Regex("^0931-0000\\d{3}$"), u.Contact!.Phone));
        Assert.Equal(units.Count, units.Select(u => u.Contact!.Phone).Distinct().Count());
    }
}
