using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15 part 6: by 04-15 省应急厅 had 36 yellow rows 「已连续 1 期未报送」 and no way to send one monthly
/// report. Now /unit/report lists every task of the unit due a report this period, keeps a draft on the server, and
/// sends them together — one report per assignment, through 签发 for a clerk — refusing the whole send, with
/// everything typed kept, when any field is wrong.</summary>
[Collection(WebHostCollection.Name)]
public sealed partial class MonthlyReportTests(WebHostFixture host)
{
    [Fact]
    public async Task A_draft_is_kept_on_the_server_across_sign_out_and_stores_no_report()
    {
        var name = WebHostFixture.LeaderOf("省能源局");
        var leader = await host.SignedInAsync(name);
        var page = await PageAsync(leader, "/unit/report");
        var ids = Assignments(page);
        Assert.True(ids.Count >= 2, $"省能源局 has {ids.Count} tasks due a report");
        Assert.Contains("一次报送本期进展", await PageAsync(leader, "/unit"));

        await PostAsync(leader, "Save", Line(0, ids[0], "草稿:本月完成检查 8 次", "检查次数: 8"), Line(1, ids[1], "草稿:第二项进展", ""));
        await leader.DeleteAsync("/api/session");

        var again = await host.SignedInAsync(name);
        var reopened = await PageAsync(again, "/unit/report");
        Assert.Contains("草稿:本月完成检查 8 次", reopened);
        Assert.Contains("检查次数: 8", reopened);
        Assert.Contains("草稿:第二项进展", reopened);
        await using var db = await DbAsync();
        Assert.False(await db.Reports.AnyAsync(r => r.Text.StartsWith("草稿:")));
    }

    [Fact]
    public async Task Sent_together_each_task_gets_its_own_report_and_leaves_the_page()
    {
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf("省气象局"));
        var ids = Assignments(await PageAsync(leader, "/unit/report"));
        Assert.True(ids.Count >= 3, $"省气象局 has {ids.Count} tasks due a report");

        var (status, page) = await PostAsync(leader, "Send",
            Line(0, ids[0], "一月份开展气象灾害风险排查", "排查点位: 30"), Line(1, ids[1], "完成预警发布系统升级", ""), Line(2, ids[2], "", ""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("报送结果:2/2 项已报送", page);
        await using var db = await DbAsync();
        var reports = await db.Reports.Where(r => ids.Take(3).Contains(r.AssignmentId)).ToListAsync();
        Assert.Equal(2, reports.Count);
        Assert.Equal([ids[0], ids[1]], reports.Select(r => r.AssignmentId).Order());
        Assert.Equal(30, System.Text.Json.JsonDocument.Parse(reports.Single(r => r.AssignmentId == ids[0]).Figures!).RootElement.GetProperty("排查点位").GetDecimal());
        // The two sent are no longer due; the one left blank still is, and no draft of the sent ones remains.
        var after = Assignments(await PageAsync(leader, "/unit/report"));
        Assert.DoesNotContain(ids[0], after);
        Assert.DoesNotContain(ids[1], after);
        Assert.Contains(ids[2], after);
        Assert.False(await db.SignOffs.AnyAsync(s => (s.AssignmentId == ids[0] || s.AssignmentId == ids[1]) && s.Status == SignOffStatus.Draft));
    }

    [Fact]
    public async Task A_clerks_monthly_report_waits_for_the_leader_who_signs_all_of_it_at_once()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省地震局"));
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf("省地震局"));
        var ids = Assignments(await PageAsync(clerk, "/unit/report"));
        Assert.True(ids.Count >= 2, $"省地震局 has {ids.Count} tasks due a report");

        var (_, page) = await PostAsync(clerk, "Send", Line(0, ids[0], "地震监测台网运行正常", ""), Line(1, ids[1], "开展应急演练 2 次", "演练次数: 2"));

        Assert.Contains("已拟稿,待单位负责人签发后发出", page);
        await using (var db = await DbAsync())
        {
            Assert.False(await db.Reports.AnyAsync(r => r.AssignmentId == ids[0] || r.AssignmentId == ids[1]));
            Assert.Equal(2, await db.SignOffs.CountAsync(s => (s.AssignmentId == ids[0] || s.AssignmentId == ids[1]) && s.Status == SignOffStatus.Pending));
        }
        var queue = await PageAsync(leader, "/unit");
        Assert.Contains("签发全部 2 项进展报送", queue);

        // Without its confirmation box, nothing is signed.
        var unconfirmed = await PageForms.PostPageAsync(leader, "/unit", "SignAllReports", new Dictionary<string, string>());
        Assert.Contains("请勾选“确认全部签发”", unconfirmed);
        var signed = await PageForms.PostPageAsync(leader, "/unit", "SignAllReports", new Dictionary<string, string> { ["confirm"] = "yes" });

        Assert.Contains("已签发 2 项进展报送", signed);
        await using (var db = await DbAsync())
        {
            var reports = await db.Reports.Where(r => r.AssignmentId == ids[0] || r.AssignmentId == ids[1]).ToListAsync();
            Assert.Equal(2, reports.Count);
            Assert.All(reports, r => Assert.Equal(WebHostFixture.LeaderOf("省地震局"), r.SubmittedBy));
        }
    }

    [Fact]
    public async Task A_bad_field_refuses_the_whole_send_keeps_everything_typed_and_stores_nothing()
    {
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf("省总工会"));
        var ids = Assignments(await PageAsync(leader, "/unit/report"));
        Assert.True(ids.Count >= 2, $"省总工会 has {ids.Count} tasks due a report");

        var (status, page) = await PostAsync(leader, "Send",
            Line(0, ids[0], "组织职工安全培训", "培训人次: 500"), Line(1, ids[1], "检查企业情况", "检查企业:120家"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("本次未报送任何任务", page);
        Assert.Matches("第\\d+项的数据第 1 行的“120家”不是数值", page);
        Assert.DoesNotContain("is not a number", page);
        Assert.Contains("组织职工安全培训", page);
        Assert.Contains("培训人次: 500", page);
        Assert.Contains("检查企业:120家", page);
        await using var db = await DbAsync();
        Assert.False(await db.Reports.AnyAsync(r => r.AssignmentId == ids[0] || r.AssignmentId == ids[1]));
        Assert.False(await db.SignOffs.AnyAsync(s => (s.AssignmentId == ids[0] || s.AssignmentId == ids[1]) && s.Status == SignOffStatus.Draft));

        // Too long a text is refused the same way, naming the task and the field; the draft is not saved either.
        var (tooLong, longPage) = await PostAsync(leader, "Save", Line(0, ids[0], new string('长', 10_001), ""));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Matches("第\\d+项的进展情况超过 10000 个字符", longPage);
    }

    [Fact]
    public async Task A_task_whose_state_moved_on_is_named_and_skipped_and_the_others_go_out()
    {
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf("省广电局"));
        var page = await PageAsync(leader, "/unit/report");
        var ids = Assignments(page);
        Assert.True(ids.Count >= 2, $"省广电局 has {ids.Count} tasks due a report");
        // After the page was read, the first task's unit asks for more time: no report while that waits.
        var dated = (await WebTestData.AssignmentsAsync(leader, "?state=in-progress"))
            .Where(a => ids.Contains(a.GetProperty("id").GetInt64()) && a.GetProperty("dueDate").ValueKind == System.Text.Json.JsonValueKind.String
                && a.GetProperty("parentId").ValueKind == System.Text.Json.JsonValueKind.Null).ToList();
        var held = dated[0].GetProperty("id").GetInt64();
        var other = ids.First(id => id != held);
        var due = DateOnly.Parse(dated[0].GetProperty("dueDate").GetString()!);
        var asked = await leader.PostAsJsonAsync($"/api/assignments/{held}/extension", new { date = due.AddDays(7), reason = "设备到货推迟" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());

        var (status, result) = await PostAsync(leader, "Send", Line(0, held, "本月进展甲", ""), Line(1, other, "本月进展乙", ""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"data-outcome=\"{held}\"[^>]*>.*未报送,延期申请审批期间暂不报送", result);
        Assert.Contains("报送结果:1/2", result);
        await using var db = await DbAsync();
        Assert.True(await db.Reports.AnyAsync(r => r.AssignmentId == other && r.Text == "本月进展乙"));
        Assert.False(await db.Reports.AnyAsync(r => r.AssignmentId == held));
        // Its text is not lost: the page keeps it as a draft for when the decision comes.
        Assert.Contains("本月进展甲", await PageAsync(leader, "/unit/report"));
    }

    private static (string Name, string Value)[] Line(int index, long id, string text, string figures) =>
        [($"Lines[{index}].AssignmentId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ($"Lines[{index}].Text", text), ($"Lines[{index}].Figures", figures)];

    /// <summary>Posts the monthly form as a browser does and answers the page shown after (the redirect followed, or
    /// the refusal itself).</summary>
    private static async Task<(HttpStatusCode Status, string Page)> PostAsync(HttpClient client, string handler, params (string Name, string Value)[][] lines)
    {
        var token = Token().Match(await client.GetStringAsync("/unit/report"));
        Assert.True(token.Success, "no antiforgery token on /unit/report");
        var fields = lines.SelectMany(l => l).Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token.Groups[1].Value));
        var response = await client.PostAsync($"/unit/report?handler={handler}", new FormUrlEncodedContent(fields));
        if (response.StatusCode == HttpStatusCode.Redirect)
            return (HttpStatusCode.OK, WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!)));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static List<long> Assignments(string page) =>
        OpenLine().Matches(page).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private async Task<WorkflowDbContext> DbAsync() =>
        await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    [GeneratedRegex("name=\"Lines\\[\\d+\\]\\.AssignmentId\" value=\"(\\d+)\"")]
    private static partial Regex OpenLine();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
