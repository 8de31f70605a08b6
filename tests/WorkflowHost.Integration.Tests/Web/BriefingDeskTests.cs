using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Issue 14 part 6: a month's 简报 is assembled as a draft (送审稿, no number, no mail); the working group reads it,
/// rewrites its summary and issues it — 2024年第1期, then 第2期 — once; an issued one is not edited; a unit never
/// reaches the desk. On a host of its own: the clock moves to 11 April 2024 (March's briefing was assembled on the 10th).
/// </summary>
public sealed class BriefingDeskTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    private async Task<WorkflowDbContext> DbAsync() => await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();


    [Fact]
    public async Task The_working_group_rewrites_a_draft_and_issues_it_once_numbered()
    {
        var admin = await host.SignedInAsync("admin");
        Assert.True((await admin.PostAsync("/api/clock/advance", new StringContent("""{"to":"2024-04-11T09:30:00+08:00"}""", System.Text.Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        await using (var db = await DbAsync())
        {
            Assert.Equal(["2024-02", "2024-03"], await db.Briefings.OrderBy(b => b.Month).Select(b => b.Month).ToListAsync());
            Assert.Equal(0, await db.Outbox.CountAsync(o => o.Kind == "briefing"));
            Assert.Equal(0, await db.Documents.CountAsync(d => d.Kind == "briefing"));
        }
        var group = await host.SignedInAsync("zhuanban");
        var page = WebUtility.HtmlDecode(await group.GetStringAsync("/board/briefings"));
        Assert.Contains("2024年3月", page);
        Assert.Contains("送审稿", page);
        var draft = DocxText.Of(await group.GetByteArrayAsync("/api/briefings/2024-03/document"));
        Assert.Contains("送审稿", draft);
        Assert.DoesNotContain("2024年第", draft);

        // A summary over the limit is refused and kept for correcting; a good one is saved.
        var tooLong = new string('述', 2001);
        page = await PageForms.PostPageAsync(group, "/board/briefings", "Summary", new Dictionary<string, string> { ["month"] = "2024-03", ["summary"] = tooLong });
        Assert.Contains("简报摘要最多 2000 个字", page);
        Assert.Contains(tooLong, page);
        const string summary = "三月份，全省各责任单位按照治本攻坚三年行动部署推进各项任务，部分单位进度滞后，已逐一函告督办。";
        page = await PageForms.PostPageAsync(group, "/board/briefings", "Summary", new Dictionary<string, string> { ["month"] = "2024-03", ["summary"] = summary });
        Assert.Contains("简报摘要已保存", page);

        // Issued: the first of the year's series, its mail queued; issuing again takes no second number.
        page = await PageForms.PostPageAsync(group, "/board/briefings", "Issue", new Dictionary<string, string> { ["month"] = "2024-03" });
        Assert.Contains("2024年3月简报已印发:2024年第1期", page);
        page = await PageForms.PostPageAsync(group, "/board/briefings", "Issue", new Dictionary<string, string> { ["month"] = "2024-03" });
        Assert.Contains("2024年第1期", page);
        var issued = DocxText.Of(await group.GetByteArrayAsync("/api/briefings/2024-03/document"));
        Assert.Contains("2024年第1期", issued);
        Assert.Contains(summary, issued);
        Assert.DoesNotContain("送审稿", issued);

        // An issued 简报 is not edited; February, issued after it, is 第2期.
        page = await PageForms.PostPageAsync(group, "/board/briefings", "Summary", new Dictionary<string, string> { ["month"] = "2024-03", ["summary"] = "改写" });
        Assert.Contains("2024年3月简报已印发,不能再修改", page);
        page = await PageForms.PostPageAsync(group, "/board/briefings", "Issue", new Dictionary<string, string> { ["month"] = "2024-02" });
        Assert.Contains("2024年第2期", page);
        await using (var db = await DbAsync())
        {
            Assert.Equal(["2024年第1期", "2024年第2期"], await db.Documents.Where(d => d.Kind == "briefing").OrderBy(d => d.Seq).Select(d => d.Number).ToListAsync());
            Assert.Equal(2, await db.Outbox.CountAsync(o => o.Kind == "briefing"));
            Assert.Equal(summary, await db.Briefings.Where(b => b.Month == "2024-03").Select(b => b.Summary).SingleAsync());
        }

        // The same desk through the API: issuing again answers the same number; refusals name the field.
        var again = await group.PostAsync("/api/briefings/2024-03/issue", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("2024年第1期", System.Text.Json.JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetString());
        await ProblemAsync(await group.PutAsync("/api/briefings/2024-03/summary", Json("""{"summary":"改写"}""")), "summary", "已印发");
        await ProblemAsync(await group.PutAsync("/api/briefings/2024-13/summary", Json("""{"summary":"改写"}""")), "month", "YYYY-MM");
        await ProblemAsync(await group.PostAsync("/api/briefings/2030-01/issue", null), "month", "没有 2030-01 的简报");
        await using (var db = await DbAsync())
            Assert.Equal(2, await db.Documents.CountAsync(d => d.Kind == "briefing"));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task ProblemAsync(HttpResponseMessage response, string field, string words)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Contains(words, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_unit_never_reaches_the_desk()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"));
        Assert.NotEqual(HttpStatusCode.OK, (await clerk.GetAsync("/board/briefings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/briefings/2024-03/document")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync("/api/briefings/2024-03/issue", null)).StatusCode);
    }
}
