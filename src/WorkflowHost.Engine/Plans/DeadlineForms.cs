namespace WorkflowHost.Engine.Plans;

/// <summary>
/// The accepted deadline forms, each with what it means in a given plan year, for refusals: a clerk whose 完成时限 was
/// refused sees at once how to write it. The dates are computed by the parser itself, so the list cannot drift from it.
/// </summary>
public static class DeadlineForms
{
    private static readonly string[] Examples =
    [
        "2月底前完成", "3月15日前", "6月下旬", "于9月底前完成", "年底前", "上半年", "第三季度末", "{next}年6月底前", "全年",
        "到{next}年", "6月底和年底前", "6月30日和12月20日",
    ];

    private static readonly string[] Cadences = ["长期坚持", "每月", "每季度至少一次", "每季度报送一次", "每季度末", "每月25日前报送"];

    public static string Describe(int planYear)
    {
        var next = Math.Min(planYear + 1, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dated = Examples.Select(example => example.Replace("{next}", next, StringComparison.Ordinal)).Select(example =>
        {
            var deadline = DeadlineParser.Parse(example, planYear);
            return $"「{example}」({string.Join("、", deadline.Milestones.Select(d => d.ToString("yyyy-MM-dd")))})";
        });
        return $"可用的写法(以{planYear}年为例):{string.Join("、", dated)};不定期的:{string.Join("、", Cadences.Select(c => $"「{c}」"))}";
    }
}
