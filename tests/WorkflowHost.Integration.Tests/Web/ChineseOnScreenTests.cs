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
}
