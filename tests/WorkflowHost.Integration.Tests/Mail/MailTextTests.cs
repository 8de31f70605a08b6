using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Mail;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>The small pieces of the mail text: deadlines in words, the template language, the backoff.</summary>
public sealed class MailTextTests
{
    [Theory]
    [InlineData("2024-03-15", "2024-03-12", "3 天后到期")]
    [InlineData("2024-03-15", "2024-03-15", "今天到期")]
    [InlineData("2024-02-29", "2024-03-12", "已逾期 12 天")]
    [InlineData("2024-02-29", "2024-03-01", "已逾期 1 天")]
    [InlineData("2024-12-31", "2024-03-01", "305 天后到期")]
    public void Deadlines_read_as_words(string due, string today, string expected) =>
        Assert.Equal(expected, DeadlineWords.Of(DateOnly.Parse(due), DateOnly.Parse(today)));

    [Fact]
    public void A_template_fills_values_repeats_lists_and_drops_empty_sections()
    {
        var template = MailTemplate.Parse("t", "Subject: 第{{no}}项 {{#late}}已逾期{{/late}}\n\n{{unit}}:\n{{#items}}\n- {{name}} ({{unit}})\n{{/items}}\n{{^items}}\n无\n{{/items}}\n完\n");
        var (subject, body) = template.Render(new { No = 3, Late = true, Unit = "省应急厅", Items = new[] { new { Name = "甲" }, new { Name = "乙" } } });
        Assert.Equal("第3项 已逾期", subject);
        Assert.Equal("省应急厅:\n- 甲 (省应急厅)\n- 乙 (省应急厅)\n完\n", body);

        var (_, empty) = template.Render(new { No = 3, Late = false, Unit = "兰州市", Items = Array.Empty<object>() });
        Assert.Equal("兰州市:\n无\n完\n", empty);
    }

    [Fact]
    public void A_template_refuses_a_missing_value_and_a_missing_subject()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MailTemplate.Parse("t", "Subject: x\n\n{{nothing}}").Render(new { }));
        Assert.Contains("'{{nothing}}'", e.Message);
        Assert.Throws<InvalidOperationException>(() => MailTemplate.Parse("t", "Hello\n\nbody"));
    }

    [Theory]
    [InlineData("unit-digest")]
    [InlineData("working-group-digest")]
    [InlineData("letter")]
    [InlineData("circular")]
    [InlineData("summons")]
    [InlineData("exposure")]
    [InlineData("briefing")]
    [InlineData("urged")]
    public void Every_shipped_template_loads(string name) => Assert.Equal(name, MailTemplate.Load(name).Name);

    [Fact]
    public void Retries_back_off_exponentially_up_to_the_cap_and_stop_after_the_last_attempt()
    {
        var options = new MailOptions { RetryBaseSeconds = 60, RetryMaxSeconds = 600, MaxAttempts = 5 };
        Assert.Equal([60, 120, 240, 480, 600, 600], Enumerable.Range(1, 6).Select(n => RetryPolicy.DelayAfter(n, options).TotalSeconds));
        Assert.False(RetryPolicy.IsExhausted(4, options));
        Assert.True(RetryPolicy.IsExhausted(5, options));
    }

    [Fact]
    public void Bad_mail_settings_are_named()
    {
        var problems = new MailOptions { WorkingGroupAddress = "zhuanban", MaxAttempts = 0 }.Problems();
        Assert.Contains(problems, p => p.Contains("WorkingGroupAddress 'zhuanban'"));
        Assert.Contains(problems, p => p.Contains("MaxAttempts"));
    }

    [Fact]
    public void Bad_document_settings_are_named()
    {
        Assert.Empty(new DocumentOptions().Problems());
        var problems = new DocumentOptions { Office = " ", NumberPrefix = "甘安\n委办", BriefingMasthead = new string('简', 41) }.Problems();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("Office is empty"));
        Assert.Contains(problems, p => p.Contains("NumberPrefix contains a control character"));
        Assert.Contains(problems, p => p.Contains("BriefingMasthead is 41 characters long"));
    }
}
