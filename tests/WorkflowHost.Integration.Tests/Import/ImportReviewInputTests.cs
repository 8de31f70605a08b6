using WorkflowHost.Infrastructure.Plans;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>The upload form's refusals: each names its field in Chinese, and every one is reported at once.</summary>
public sealed class ImportReviewInputTests
{
    [Theory]
    [InlineData(null, 10, "清单文件:请选择")]
    [InlineData("清单.pdf", 10, "清单文件:只接受 .txt、.docx、.csv、.xlsx 文件")]
    [InlineData("清单.docx", 0, "清单文件:文件是空的")]
    [InlineData("清单.xlsx", ImportReviewInput.MaxFileBytes + 1, "清单文件:最大4 MB")]
    public void A_file_is_refused_naming_the_field(string? name, long length, string refusal) =>
        Assert.StartsWith(refusal, ImportReviewInput.File(name, length));

    [Fact]
    public void Good_facts_are_taken_trimmed()
    {
        var (facts, problems) = ImportReviewInput.Facts("2025", " 测试计划 ", "省安委会", "2025-02-20", "", "6月底和年底前");
        Assert.Empty(problems);
        Assert.Equal(new ImportFacts(2025, "测试计划", "省安委会", new DateOnly(2025, 2, 20), null, "6月底和年底前"), facts);
    }

    [Fact]
    public void Every_bad_fact_is_refused_in_one_answer()
    {
        var (facts, problems) = ImportReviewInput.Facts("25", new string('题', 201), "省安委会\u0007", "2025/02/20", null, "下个月");

        Assert.Null(facts);
        Assert.Equal(["年度", "计划标题", "印发单位", "印发日期"], problems.Select(p => p.Split(':')[0]));
        Assert.Contains("最多200个字", problems[1]);
        Assert.Contains("控制字符", problems[2]);
    }

    [Fact]
    public void A_default_deadline_the_parser_does_not_read_is_refused_with_the_accepted_forms()
    {
        var (_, problems) = ImportReviewInput.Facts("2025", "测试计划", "省安委会", "2025-02-20", null, "下个月");
        var refusal = Assert.Single(problems);
        Assert.StartsWith("统一完成时限:", refusal);
        Assert.Contains("2025", refusal);
    }
}
