using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Units;

/// <summary>
/// Checks on single entries, shared by every way a directory is built. Each failure names the source and the entry.
/// </summary>
internal static partial class UnitDirectoryRules
{
    // ResponsibilityParser splits on these outside brackets, so a name containing one there could never be matched. Inside
    // one balanced bracket pair they are part of the name: 「各县(市、区)」 is one group, and the parser keeps it whole.
    private static readonly char[] SeparatorCharacters = ['、', '及', ',', '\uFF0C', ';', '\uFF1B'];

    private const string Openers = "(\uFF08\u3014";
    private const string Closers = ")\uFF09\u3015";

    // Only the reserved .example top-level domain (RFC 2606): the directory must never hold a real mailbox.
    [GeneratedRegex(@"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+example$", RegexOptions.CultureInvariant)]
    private static partial Regex ExampleAddress();

    public static void CheckUnit(OrgUnit unit, string source)
    {
        var where = $"{source}: unit '{unit.Name}'";
        CheckName(unit.Name, $"{source}: unit", "name");
        if (unit.FullName is not null)
        {
            CheckName(unit.FullName, where, "fullName");
        }

        foreach (var alias in unit.Aliases)
        {
            CheckName(alias, where, "aliases");
        }

        if (!ExampleAddress().IsMatch(unit.Email))
        {
            throw new DirectoryFormatException(
                $"{where}: email '{unit.Email}' is not a valid address under the reserved .example domain (e.g. yjt@gansu.example)");
        }

        if (unit.Contact is { } contact)
        {
            Contact(contact.Person, contact.Phone, source, unit.Name);
        }

        if (unit.InRegionsRule && unit.Kind != UnitKind.Region)
        {
            throw new DirectoryFormatException(
                $"{where}: inRegionsRule is true but kind is '{unit.Kind.ToWireName()}'; only regions carry tasks by the regions rule");
        }
    }

    public const int ContactMinLength = 2, ContactMaxLength = 20, PhoneMaxLength = 20;

    // 区号-号码 with an optional extension (0931-0000001, 0931-00000001-12), or an 11-digit mobile number.
    [GeneratedRegex(@"^(0\d{2,3}-\d{7,8}(-\d{1,6})?|1\d{10})$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneFormat();

    // A person's name as offices write it: Chinese characters, with · between the parts of a minority or foreign name.
    [GeneratedRegex(@"^[\u4E00-\u9FFF]+(·[\u4E00-\u9FFF]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonName();

    /// <summary>
    /// A unit's contact from its entry: both the person and the phone, or neither. Refused in Chinese, naming the unit
    /// and the field, as whoever keeps the directory reads it: the contact is printed on pages and letters to other units.
    /// </summary>
    public static UnitContact? Contact(string? person, string? phone, string where, string unit)
    {
        if (person is null && phone is null) return null;
        var named = $"{where}: 单位「{unit}」的";
        if (person is null) throw new DirectoryFormatException($"{named}联系人(contact)未填写:填了联系电话就须填联系人");
        if (phone is null) throw new DirectoryFormatException($"{named}联系电话(phone)未填写:填了联系人就须填联系电话");
        if (person.Length is < ContactMinLength or > ContactMaxLength)
            throw new DirectoryFormatException($"{named}联系人(contact)「{person}」长度为 {person.Length} 个字,应为 {ContactMinLength}–{ContactMaxLength} 个字");
        if (!PersonName().IsMatch(person))
            throw new DirectoryFormatException($"{named}联系人(contact)「{person}」只能由汉字组成(少数民族姓名可用「·」分隔),不含空格、字母、数字或标点");
        if (phone.Length > PhoneMaxLength || !PhoneFormat().IsMatch(phone))
            throw new DirectoryFormatException($"{named}联系电话(phone)「{phone}」格式不对:应为区号-号码(如 0931-0000001,可加 -分机号)或 11 位手机号");
        return new UnitContact(person, phone);
    }

    public static void CheckGroup(UnitGroup group, string source)
    {
        var where = $"{source}: group '{group.Name}'";
        CheckName(group.Name, $"{source}: group", "name");
        foreach (var alias in group.Aliases)
        {
            CheckName(alias, where, "aliases");
        }

        if (group.Members.Count == 0)
        {
            throw new DirectoryFormatException($"{where}: members is empty; a group that expands to no unit would drop its tasks");
        }

        if (group.MembershipSource == MembershipSource.Configured && string.IsNullOrWhiteSpace(group.Note))
        {
            throw new DirectoryFormatException(
                $"{where}: membership is 'configured' but there is no note saying where the list comes from and who maintains it");
        }
    }

    private static void CheckName(string name, string where, string field)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DirectoryFormatException($"{where}: {field} is empty");
        }

        if (name.Trim() != name)
        {
            throw new DirectoryFormatException($"{where}: {field} '{name}' has leading or trailing spaces");
        }

        var depth = 0;
        foreach (var c in name)
        {
            depth += Openers.Contains(c) ? 1 : Closers.Contains(c) ? -1 : 0;
            if (depth < 0 || depth > 1)
            {
                throw new DirectoryFormatException($"{where}: {field} '{name}' has unbalanced or nested brackets");
            }

            if (depth == 0 && SeparatorCharacters.Contains(c))
            {
                throw new DirectoryFormatException(
                    $"{where}: {field} '{name}' contains '{c}', which separates names in responsibility texts");
            }
        }

        if (depth != 0)
        {
            throw new DirectoryFormatException($"{where}: {field} '{name}' has unbalanced or nested brackets");
        }
    }
}
