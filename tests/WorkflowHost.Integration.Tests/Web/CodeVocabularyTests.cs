namespace WorkflowHost.Integration.Tests.Web;

/// <summary>The browser suite's list of code names (<see cref="CodeVocabulary"/>) holds what issue 15 found on screen and
/// finds it in text, while e-mail addresses and ordinary Latin words (Excel, URL) pass.</summary>
public sealed class CodeVocabularyTests
{
    [Theory]
    [InlineData("monthly")]
    [InlineData("digest")]
    [InlineData("applied")]
    [InlineData("extension-requested")]
    [InlineData("escalation-awaiting-approval")]
    [InlineData("in-progress")]
    [InlineData("group")]
    [InlineData("handed-down")]
    [InlineData("awaiting-approval")]
    [InlineData("circular")]
    [InlineData("unit-clerk")]
    public void The_vocabulary_comes_from_the_code_and_holds_what_was_seen(string word) =>
        Assert.Contains(word, CodeVocabulary.Words);

    [Fact]
    public void Code_names_and_sign_in_names_are_found_in_text_but_addresses_and_file_types_are_not()
    {
        Assert.Equal(["monthly"], CodeVocabulary.Found("报送周期 monthly · 本期 2024-02"));
        Assert.Equal(["digest", "extension-requested"], CodeVocabulary.Found("类别 digest / extension-requested"));
        Assert.Equal(["yjt-clerk"], CodeVocabulary.Found("拟稿 yjt-clerk", "yjt-clerk", "zhuanban"));
        Assert.Empty(CodeVocabulary.Found("工作专班 <zhuanban@gansu.example> 导出 Excel,从 URL 添加 https://x.example/calendar/1/digest.ics", "zhuanban"));
    }
}
