using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// The limits of every field of the import review, each refusal in Chinese naming the field. The same checks serve
/// the page and any caller, so what the form says is what the import enforces.
/// </summary>
public static partial class ImportReviewInput
{
    /// <summary>Largest list file uploaded: a year's list is tens of KB, a .docx with its styles a few hundred.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Longest plan title, issuing body, list heading (plan.json's 200 characters).</summary>
    public const int MaxFactLength = PlanMetadataFile.MaxTextLength;

    /// <summary>Longest unit name or alias: the directory's longest is under 20 characters; a name of 64 is a sentence.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest official name (甘肃省人民政府国有资产监督管理委员会 is 19).</summary>
    public const int MaxFullNameLength = 100;

    public const int MaxEmailLength = 254;

    /// <summary>Longest deadline text (「6月底和年底前」, 「每季度末」): a phrase, not a paragraph.</summary>
    public const int MaxDeadlineLength = 100;

    /// <summary>The kinds a unit added on the review may have, with what people call them (a 安委会 is not assigned work).</summary>
    public static IReadOnlyList<(UnitKind Kind, string Title)> Kinds { get; } =
    [
        (UnitKind.ProvincialDepartment, "省直部门"),
        (UnitKind.CentralAgency, "中央驻地方单位"),
        (UnitKind.Enterprise, "企业"),
        (UnitKind.MassOrganization, "人民团体"),
        (UnitKind.Office, "议事机构办公室"),
        (UnitKind.Institution, "院校"),
        (UnitKind.Region, "市州"),
        (UnitKind.County, "县(市、区)"),
        (UnitKind.LocalDepartment, "市县部门"),
    ];

    // The directory holds only addresses under the reserved .example domain (real mailboxes are set per deployment).
    [GeneratedRegex(@"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+example$", RegexOptions.CultureInvariant)]
    private static partial Regex ExampleAddress();

    /// <summary>Characters that separate names in a responsibility text: a name holding one could never be matched.</summary>
    private static readonly char[] Separators = ['、', '及', ',', '\uFF0C', ';', '\uFF1B', ':', '\uFF1A'];

    public static string? File(string? fileName, long length)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(fileName)) return "清单文件:请选择要导入的任务清单文件";
        if (!PlanFiles.ListExtensions.Contains(extension)) return $"清单文件:只接受 {string.Join("、", PlanFiles.ListExtensions)} 文件";
        if (fileName.Length > 200 || fileName.Any(char.IsControl)) return "清单文件:文件名最多200个字,不含控制字符";
        if (length == 0) return "清单文件:文件是空的";
        if (length > MaxFileBytes) return $"清单文件:最大{MaxFileBytes / 1024 / 1024} MB,这个文件有{length / 1024.0 / 1024:0.#} MB";
        return null;
    }

    /// <summary>The plan's facts, or every problem with them at once.</summary>
    public static (ImportFacts? Facts, IReadOnlyList<string> Problems) Facts(string? year, string? title, string? issuer, string? issuedOn, string? annexTitle, string? defaultDeadline)
    {
        var problems = new List<string>();
        var planYear = 0;
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out planYear) || !PlanYears.Contains(planYear))
            problems.Add($"年度:应为{PlanYears.First}至{PlanYears.Last}之间的年份");
        Text("计划标题", title, MaxFactLength, required: true, problems);
        Text("印发单位", issuer, MaxFactLength, required: true, problems);
        Text("清单标题", annexTitle, MaxFactLength, required: false, problems);
        if (!DateOnly.TryParseExact(issuedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            problems.Add("印发日期:应为 YYYY-MM-DD 格式的日期");
        if (Text("统一完成时限", defaultDeadline, MaxDeadlineLength, required: false, problems) && !string.IsNullOrWhiteSpace(defaultDeadline) && PlanYears.Contains(planYear)
            && Deadline(defaultDeadline, planYear) is { } refused)
            problems.Add("统一完成时限:" + refused);
        if (problems.Count > 0) return (null, problems);
        return (new ImportFacts(planYear, title!.Trim(), issuer!.Trim(), date, Blank(annexTitle), Blank(defaultDeadline)), []);
    }

    /// <summary>A name mapped or added: the directory's rules (no separator, balanced brackets) in Chinese.</summary>
    public static string? Name(string field, string? name, int max = MaxNameLength)
    {
        var problems = new List<string>();
        if (!Text(field, name, max, required: true, problems)) return problems[0];
        var depth = 0;
        foreach (var c in name!.Trim())
        {
            depth += "(\uFF08\u3014".Contains(c) ? 1 : ")\uFF09\u3015".Contains(c) ? -1 : 0;
            if (depth is < 0 or > 1) return $"{field}:括号不成对";
            if (depth == 0 && Separators.Contains(c)) return $"{field}:不能含「{c}」(它在责任单位中用来分隔名称)";
        }
        return depth == 0 ? null : $"{field}:括号不成对";
    }

    public static string? Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "邮箱:请填写单位的联系邮箱";
        if (email.Trim().Length > MaxEmailLength || !ExampleAddress().IsMatch(email.Trim()))
            return "邮箱:单位名录只存 .example 保留域名下的地址(如 yjt@gansu.example),真实邮箱按部署另行配置";
        return null;
    }

    public static (UnitKind? Kind, string? Problem) Kind(string? wireName) =>
        Kinds.FirstOrDefault(k => k.Kind.ToWireName() == wireName) is { Title: not null } found
            ? (found.Kind, null)
            : (null, $"单位类别:请从列表中选择({string.Join("、", Kinds.Select(k => k.Title))})");

    /// <summary>Why a deadline text is refused for the year (with the accepted forms), or null when it reads.</summary>
    public static string? Deadline(string text, int year)
    {
        try
        {
            DeadlineParser.Parse(text.Trim(), year);
            return null;
        }
        catch (PlanFormatException e)
        {
            return e.Hint is { } hint ? $"{e.Message}。{hint}" : e.Message;
        }
    }

    public static string? TaskDeadline(string? text, int year)
    {
        var problems = new List<string>();
        if (!Text("完成时限", text, MaxDeadlineLength, required: true, problems)) return problems[0];
        return Deadline(text!, year) is { } refused ? "完成时限:" + refused : null;
    }

    private static bool Text(string field, string? text, int max, bool required, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) problems.Add($"{field}:不能为空");
            return !required;
        }
        if (text.Trim().Length > max) { problems.Add($"{field}:最多{max}个字,这里有{text.Trim().Length}个字"); return false; }
        if (text.Any(char.IsControl)) { problems.Add($"{field}:不能含控制字符(换行、制表符等)"); return false; }
        return true;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
