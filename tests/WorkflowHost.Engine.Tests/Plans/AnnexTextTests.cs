namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>
/// Guards the pasted literals in <see cref="AnnexResponsibilities"/> against copying mistakes by comparing them with the
/// plan itself, a verbatim copy of which is kept in tests/fixtures/source.
/// </summary>
public class AnnexTextTests
{
    private static readonly string PlanPath =
        Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "source", "002_da3870f8aec7dcd3.txt");

    [Fact]
    public void PastedResponsibilityTexts_AreExactlyTheAnnexTexts()
    {
        Assert.True(File.Exists(PlanPath), $"the plan text is expected at {Path.GetFullPath(PlanPath)}");

        var annex = File.ReadLines(PlanPath)
            .SkipWhile(line => !line.StartsWith("附件:2024年重点工作任务清单", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => line.Length > 0 && char.IsAsciiDigit(line[0]))
            .Select(ResponsibilityOf)
            .ToArray();

        Assert.Equal(annex, AnnexResponsibilities.All.Select(task => task.Text));
    }

    // 「N.content(responsibility;deadline)」: content may hold parentheses of its own, so take the last ( before the last ;.
    private static string ResponsibilityOf(string line)
    {
        var body = line.TrimEnd().TrimEnd(')', '\uFF09');
        var semicolon = body.LastIndexOfAny([';', '\uFF1B']);
        var open = body.LastIndexOfAny(['(', '\uFF08'], semicolon);
        return body[(open + 1)..semicolon];
    }
}
