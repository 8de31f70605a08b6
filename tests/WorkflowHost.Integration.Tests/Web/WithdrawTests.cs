using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15 part 5: 撤回 of one's own pending 办结申请 or 延期申请 (and of a draft still waiting for 签发) —
/// only by the unit that sent it, only while it waits; a race with the reviewer's decision is decided by the
/// assignment's version (one wins, the other gets 409 in Chinese).</summary>
[Collection(WebHostCollection.Name)]
public sealed class WithdrawTests(WebHostFixture host)
{
    [Fact]
    public async Task The_unit_withdraws_its_pending_application_on_the_page_and_the_task_is_back_at_work()
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf("省工信厅"));
        var id = await InProgressAsync(unit);
        Assert.True((await WebTestData.ApplyAsync(unit, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);

        var waiting = await PageAsync(unit, $"/assignments/{id}");
        Assert.Contains("data-testid=\"withdraw-form\"", waiting);

        var page = await PageForms.PostAsync(unit, id, "Withdraw", new Dictionary<string, string>
        {
            ["note"] = "佐证材料需补充后再申请", ["confirm"] = "yes", ["version"] = await VersionAsync(unit, id),
        });

        Assert.Contains("申请已撤回", WebUtility.HtmlDecode(page));
        var after = await WebTestData.AssignmentAsync(unit, id);
        Assert.Equal("in-progress", after.GetProperty("assignment").GetProperty("state").GetString());
        var last = after.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("withdrawn", last.GetProperty("event").GetString());
        Assert.Equal("撤回申请", last.GetProperty("title").GetString());
        Assert.Equal("completion-applied", last.GetProperty("fromState").GetString());
        await using var db = await DbAsync();
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "withdraw" && a.Target == $"assignment:{id}" && a.Outcome == AuditLog.Done));
        // The reviewer hears of it in the next digest, and has nothing left to decide.
        Assert.True(await db.Outbox.AnyAsync(o => o.AssignmentId == id && o.Kind == "withdrawn" && o.UnitId == null));
        var group = await host.SignedInAsync("zhuanban");
        Assert.DoesNotContain("data-testid=\"approve-form\"", await PageAsync(group, $"/assignments/{id}"));
    }

    [Fact]
    public async Task An_extension_request_is_withdrawn_too_and_no_report_form_is_offered_while_it_waits()
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf("省商务厅"));
        var id = await InProgressAsync(unit, dated: true);
        var due = (await WebTestData.AssignmentAsync(unit, id)).GetProperty("assignment").GetProperty("dueDate").GetString()!;
        var asked = await unit.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date = DateOnly.Parse(due).AddDays(20), reason = "汛期施工受阻" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());

        var waiting = await PageAsync(unit, $"/assignments/{id}");
        Assert.Contains("data-testid=\"withdraw-form\"", waiting);
        Assert.DoesNotContain("data-testid=\"report-form\"", waiting);
        // The unit's list shows the waiting row without 「办理」, as something to look at, not to do.
        var taskNo = (await WebTestData.AssignmentAsync(unit, id)).GetProperty("assignment").GetProperty("taskNo").GetInt32();
        var list = await PageAsync(unit, $"/unit?q={taskNo}");
        Assert.Matches($"(?s)data-assignment=\"{id}\"(?:(?!</tr>).)*>查看</a>", list);
        Assert.DoesNotMatch($"(?s)data-assignment=\"{id}\"(?:(?!</tr>).)*>办理</a>", list);

        var withdrawn = await unit.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { note = "情况有变" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var state = (await WebTestData.AssignmentAsync(unit, id)).GetProperty("assignment").GetProperty("state").GetString();
        Assert.Equal("in-progress", state);
    }

    [Fact]
    public async Task Withdrawal_is_refused_when_nothing_waits_for_another_unit_and_for_the_working_group()
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf("省民政厅"));
        var other = await host.SignedInAsync(WebHostFixture.LeaderOf("省生态环境厅"));
        var group = await host.SignedInAsync("zhuanban");
        var id = await InProgressAsync(unit);

        var nothingPending = await unit.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { });
        Assert.Equal(HttpStatusCode.Conflict, nothingPending.StatusCode);
        Assert.Contains("没有待审核的申请", await nothingPending.Content.ReadAsStringAsync());

        Assert.True((await WebTestData.ApplyAsync(unit, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await group.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { })).StatusCode);
        Assert.Equal("completion-applied", (await WebTestData.AssignmentAsync(unit, id)).GetProperty("assignment").GetProperty("state").GetString());

        // Decided first: the 撤回 comes too late.
        Assert.True((await group.PostAsJsonAsync($"/api/assignments/{id}/rejection", new { reason = "请补充验收材料" })).IsSuccessStatusCode);
        var late = await unit.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("没有待审核的申请", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_decision_on_a_page_read_before_the_withdrawal_is_refused_by_the_version_and_decides_nothing()
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf("省科技厅"));
        var group = await host.SignedInAsync("zhuanban");
        var id = await InProgressAsync(unit);
        Assert.True((await WebTestData.ApplyAsync(unit, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);
        var seenByGroup = await VersionAsync(group, id);

        // The unit withdraws and applies again; the working group then approves from the page it read before.
        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { version = int.Parse(seenByGroup) })).StatusCode);
        Assert.True((await WebTestData.ApplyAsync(unit, id, "重新申请,附新材料", ("新佐证.pdf", WebTestData.Pdf("new")))).IsSuccessStatusCode);
        var page = WebUtility.HtmlDecode(await PageForms.PostAsync(group, id, "Approve", new Dictionary<string, string>
        {
            ["confirm"] = "yes", ["version"] = seenByGroup,
        }));

        Assert.Contains("该任务在您打开页面后已有新的办理", page);
        Assert.Equal("completion-applied", (await WebTestData.AssignmentAsync(group, id)).GetProperty("assignment").GetProperty("state").GetString());
        // And the other way round: a 撤回 sent with the version before the decision is a 409 once decided.
        var current = await VersionAsync(group, id);
        Assert.True((await group.PostAsJsonAsync($"/api/assignments/{id}/rejection", new { reason = "材料仍不全" })).IsSuccessStatusCode);
        var late = await unit.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { version = int.Parse(current) });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("该任务在您打开页面后已有新的办理", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Withdrawal_and_decision_at_the_same_instant_one_wins_the_other_gets_409()
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf("省自然资源厅"));
        var group = await host.SignedInAsync("zhuanban");
        var id = await InProgressAsync(unit);
        Assert.True((await WebTestData.ApplyAsync(unit, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);
        var version = int.Parse(await VersionAsync(unit, id));

        var answers = await Task.WhenAll(
            unit.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { version }),
            group.PostAsJsonAsync($"/api/assignments/{id}/rejection", new { reason = "请补充" }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Matches("[\u4e00-\u9fff]", (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!);
        await using var db = await DbAsync();
        var decisions = await db.Journal.CountAsync(j => j.AssignmentId == id && (j.Event == "withdrawn" || j.Event == "rejected"));
        Assert.Equal(1, decisions);
    }

    [Fact]
    public async Task A_clerk_withdraws_a_draft_waiting_for_sign_off_and_the_leader_then_has_nothing_to_sign()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省工信厅"));
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf("省工信厅"));
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).First().GetProperty("id").GetInt64();
        var held = await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "本月完成排查 12 家" });
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        Assert.Contains("data-testid=\"withdraw-draft-form\"", await PageAsync(clerk, $"/assignments/{id}"));

        var page = WebUtility.HtmlDecode(await PageForms.PostAsync(clerk, id, "WithdrawDraft", new Dictionary<string, string>()));

        Assert.Contains("进展报送草稿已撤回", page);
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/assignments/{id}/sign-off", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsync($"/api/assignments/{id}/sign-off/withdrawal", null)).StatusCode);
        await using var db = await DbAsync();
        Assert.False(await db.Reports.AnyAsync(r => r.AssignmentId == id && r.Text == "本月完成排查 12 家"));
        Assert.True(await db.Journal.AnyAsync(j => j.AssignmentId == id && j.Event == "draft-withdrawn"));
    }

    [Fact]
    public async Task A_share_below_another_units_waits_for_that_unit_and_may_withdraw_from_it_too()
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf("省市场监管局"));
        var id = (await WebTestData.AssignmentsAsync(unit, "?state=in-progress"))
            .First(a => a.GetProperty("parentId").ValueKind == JsonValueKind.Number && a.GetProperty("unitName").GetString() == "省市场监管局").GetProperty("id").GetInt64();
        Assert.True((await WebTestData.ApplyAsync(unit, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);

        // The next step names who decides: the unit above, not the working group.
        Assert.Equal("等待上级单位确认办结申请", (await WebTestData.AssignmentAsync(unit, id)).GetProperty("assignment").GetProperty("nextStep").GetString());
        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsJsonAsync($"/api/assignments/{id}/withdrawal", new { })).StatusCode);
        Assert.Equal("in-progress", (await WebTestData.AssignmentAsync(unit, id)).GetProperty("assignment").GetProperty("state").GetString());
    }

    private static async Task<long> InProgressAsync(HttpClient unit, bool dated = false) =>
        (await WebTestData.AssignmentsAsync(unit, "?state=in-progress"))
        .Where(a => a.GetProperty("parentId").ValueKind == JsonValueKind.Null && (!dated || a.GetProperty("dueDate").ValueKind == JsonValueKind.String))
        .Last().GetProperty("id").GetInt64();

    private static async Task<string> VersionAsync(HttpClient client, long id) =>
        (await WebTestData.AssignmentAsync(client, id)).GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private async Task<WorkflowDbContext> DbAsync() =>
        await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
}
