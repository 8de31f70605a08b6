using System.Net.Http.Json;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15's code names on screen, where they were: the assignment page's 报送周期 said 「monthly · 本期
/// 2024-02」, its timeline and reports named sign-in names (yjt-clerk, zhuanban), the mail page showed kinds such as
/// 「digest」 and a command line to type, and the header said 「工作专班(工作专班)」.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ChineseOnScreenTests(WebHostFixture host)
{
    [Fact]
    public async Task The_assignment_page_names_people_and_periods_as_the_office_does()
    {
        var (clerkName, leaderName) = (WebHostFixture.ClerkOf("省自然资源厅"), WebHostFixture.LeaderOf("省自然资源厅"));
        var clerk = await host.SignedInAsync(clerkName);
        var leader = await host.SignedInAsync(leaderName);
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Last().GetProperty("id").GetInt64();
        // The clerk's extension request waits for 签发, naming who drafted it; once signed, the timeline names the leader
        // (an extension rather than a report: a report would add to the month's briefing, which another test reads).
        var asked = await clerk.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date = "2025-06-30", reason = "需协调" });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, asked.StatusCode);
        var draft = System.Net.WebUtility.HtmlDecode(await leader.GetStringAsync($"/assignments/{id}"));
        Assert.Contains("拟稿 省自然资源厅联络员", draft);
        var signed = await leader.PostAsync($"/api/assignments/{id}/sign-off", null);
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());

        var page = System.Net.WebUtility.HtmlDecode(await clerk.GetStringAsync($"/assignments/{id}"));

        Assert.Contains("省自然资源厅负责人", page);
        foreach (var text in new[] { draft, page })
        {
            Assert.DoesNotContain(clerkName, text);
            Assert.DoesNotContain(leaderName, text);
        }
        Assert.Matches("报送周期</dt><dd>每(月|季度|半年|年)报送 · 本期为20[0-9]{2}年", page);

        // Nothing decided blind: whoever decides sees the date asked, the deadline now, and why (issue 14 part 7).
        var group = await host.SignedInAsync("zhuanban");
        var review = System.Net.WebUtility.HtmlDecode(await group.GetStringAsync($"/assignments/{id}"));
        var shown = review[review.IndexOf("data-testid=\"extension-asked\"", StringComparison.Ordinal)..];
        shown = shown[..shown.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Contains("申请延期至 <strong>2025-06-30</strong>", shown);
        Assert.Matches("现时限 20[0-9]{2}-[0-9]{2}-[0-9]{2}", shown);
        Assert.Contains("理由:需协调", shown);
        var listed = (await WebTestData.AssignmentAsync(group, id)).GetProperty("assignment").GetProperty("extension");
        Assert.Equal(("2025-06-30", "需协调"), (listed.GetProperty("date").GetString(), listed.GetProperty("reason").GetString()));
        Assert.DoesNotContain("monthly", page);
    }

    [Fact]
    public async Task The_mail_page_and_the_header_speak_Chinese_only()
    {
        var group = await host.SignedInAsync("zhuanban");

        var outbox = System.Net.WebUtility.HtmlDecode(await group.GetStringAsync("/board/outbox"));
        var board = System.Net.WebUtility.HtmlDecode(await group.GetStringAsync("/board"));

        Assert.DoesNotContain("outbox --status", outbox);
        Assert.DoesNotContain("<td>digest</td>", outbox);
        Assert.DoesNotContain("工作专班(工作专班)", board);
        Assert.Contains("工作专班", board);
    }

    [Fact]
    public async Task A_refused_form_comes_back_as_typed_with_the_refusal_in_Chinese_only()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf("省交通运输厅"));
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).First().GetProperty("id").GetInt64();
        var reportsBefore = (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("reports").GetArrayLength();

        var page = System.Net.WebUtility.HtmlDecode(await PageForms.PostAsync(clerk, id, "Report",
            new Dictionary<string, string> { ["text"] = "本月检查企业,发现隐患已整改。", ["figures"] = "检查企业: 120家" }));

        Assert.Contains("不是数值", page);
        Assert.DoesNotContain("is not a number", page);
        Assert.Contains(">本月检查企业,发现隐患已整改。</textarea>", page);
        Assert.Contains(">检查企业: 120家</textarea>", page);
        // The field in error is marked where it is, the other left alone.
        Assert.Contains("<textarea name=\"figures\" aria-invalid=\"true\"", page);
        Assert.DoesNotContain("<textarea name=\"text\" aria-invalid", page);
        Assert.Equal(reportsBefore, (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("reports").GetArrayLength());
        // Once: the next visit shows an empty form.
        Assert.DoesNotContain("120家", System.Net.WebUtility.HtmlDecode(await clerk.GetStringAsync($"/assignments/{id}")));
    }

    [Fact]
    public async Task A_refused_extension_marks_the_missing_reason_and_not_the_date_it_was_given()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf("省交通运输厅"));
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).First().GetProperty("id").GetInt64();

        var page = System.Net.WebUtility.HtmlDecode(await PageForms.PostAsync(clerk, id, "Extension",
            new Dictionary<string, string> { ["date"] = "2025-06-30", ["reason"] = " " }));

        Assert.Contains("申请延期须说明理由", page);
        Assert.Contains("<textarea name=\"reason\" aria-invalid=\"true\"", page);
        Assert.Contains("<input type=\"date\" name=\"date\" required", page);
        Assert.Contains("value=\"2025-06-30\"", page);
    }

    [Fact]
    public async Task A_browser_gets_a_Chinese_page_for_a_missing_task_and_the_API_problem_details()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf("省交通运输厅"));

        var page = await clerk.GetAsync("/assignments/999999999");
        var api = await clerk.GetAsync("/api/assignments/999999999");
        var nowhere = await clerk.GetAsync("/no/such/page");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("没有找到该页面或承办任务", System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Contains("没有找到", System.Net.WebUtility.HtmlDecode(await nowhere.Content.ReadAsStringAsync()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
