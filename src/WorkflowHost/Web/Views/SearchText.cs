using System.Text.RegularExpressions;
using WorkflowHost.Engine.Units;
using WorkflowHost.Infrastructure.Dashboard;

namespace WorkflowHost.Web.Views;

/// <summary>
/// The search box of the board, the unit's list and the register, read once for every page and the API: at most
/// <see cref="MaxLength"/> characters, no control characters, refused with the field named. 「3」「任务3」「第3项」 also
/// find task 3; a unit is found by its name, full name or any alias of the directory (省安委办 finds 省安委会办公室).
/// </summary>
public sealed partial class SearchText(UnitDirectory directory)
{
    public const int MaxLength = 50;
    public const string Field = "q";

    /// <summary>The search, or null for an empty box; or the refusal, in Chinese (pages) and with its English (API).</summary>
    public (BoardSearch? Search, string? Problem) Read(string? raw)
    {
        if (Problem(raw) is { } problem) return (null, problem);
        var words = raw?.Trim() ?? "";
        if (words.Length == 0) return (null, null);
        var number = TaskNumber().Match(words);
        var taskNo = number.Success && int.TryParse(number.Groups[2].Value, out var no) ? no : (int?)null;
        // 「任务3」「第3项」 name a task and nothing else; a bare 「3」 is also looked for in the words.
        var numberOnly = taskNo is not null && (number.Groups[1].Length > 0 || number.Groups[3].Length > 0);
        var units = directory.Units.Where(u => u.Names().Any(n => n.Contains(words, StringComparison.Ordinal))).Select(u => u.Name).ToList();
        return (new BoardSearch(words, taskNo, units, numberOnly), null);
    }

    /// <summary>What is wrong with the text typed into the search box, or null.</summary>
    public static string? Problem(string? raw)
    {
        if (raw is null) return null;
        if (raw.Length > MaxLength) return $"搜索框最多 {MaxLength} 个字符,现为 {raw.Length} 个 (search: at most {MaxLength} characters)";
        if (raw.Any(char.IsControl)) return "搜索框不能含换行、制表符等控制字符 (search: no control characters)";
        return null;
    }

    [GeneratedRegex(@"^(任务|第)?\s*(\d{1,4})\s*(项|号)?$")]
    private static partial Regex TaskNumber();
}
