using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15 part 5: 销号, 退回 and the extension decisions on a task's page have a confirmation step that holds
/// without JavaScript — a box the server checks, so a form sent without it is refused, changes nothing and keeps what
/// was typed. The API is unchanged (a program confirms by calling).</summary>
[Collection(WebHostCollection.Name)]
public sealed class ConfirmationStepTests(WebHostFixture host)
{
    [Theory]
    [InlineData("Reject", "reason", "退回")]
    [InlineData("Approve", "note", "销号")]
    public async Task A_decision_sent_without_its_confirmation_is_refused_keeps_the_text_and_changes_nothing(string handler, string field, string what)
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf(handler == "Reject" ? "省教育厅" : "省文物局"));
        var group = await host.SignedInAsync("zhuanban");
        var id = (await WebTestData.AssignmentsAsync(unit, "?state=in-progress")).Last(a => a.GetProperty("parentId").ValueKind == JsonValueKind.Null).GetProperty("id").GetInt64();
        Assert.True((await WebTestData.ApplyAsync(unit, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);
        var before = await WebTestData.AssignmentAsync(group, id);
        var shown = WebUtility.HtmlDecode(await group.GetStringAsync($"/assignments/{id}"));
        Assert.Contains($"确认{what}", shown);

        var page = WebUtility.HtmlDecode(await PageForms.PostAsync(group, id, handler, new Dictionary<string, string> { [field] = "验收材料请补充现场照片" }));

        Assert.Contains($"请勾选“确认{what}”后再提交,本次未作任何改动", page);
        Assert.Contains("value=\"验收材料请补充现场照片\"", page);
        var after = await WebTestData.AssignmentAsync(group, id);
        Assert.Equal("completion-applied", after.GetProperty("assignment").GetProperty("state").GetString());
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());

        // Ticked, it goes through; the API needs no box.
        var confirmed = WebUtility.HtmlDecode(await PageForms.PostAsync(group, id, handler, new Dictionary<string, string>
        {
            [field] = "验收材料请补充现场照片", ["confirm"] = "yes", ["version"] = after.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.DoesNotContain("请勾选", confirmed);
        Assert.Equal(handler == "Reject" ? "in-progress" : "closed",
            (await WebTestData.AssignmentAsync(group, id)).GetProperty("assignment").GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_extension_decisions_on_the_page_ask_for_confirmation_too()
    {
        var unit = await host.SignedInAsync(WebHostFixture.LeaderOf("省卫生健康委"));
        var group = await host.SignedInAsync("zhuanban");
        var id = (await WebTestData.AssignmentsAsync(unit, "?state=in-progress"))
            .Last(a => a.GetProperty("parentId").ValueKind == JsonValueKind.Null && a.GetProperty("dueDate").ValueKind == JsonValueKind.String).GetProperty("id").GetInt64();
        var due = DateOnly.Parse((await WebTestData.AssignmentAsync(unit, id)).GetProperty("assignment").GetProperty("dueDate").GetString()!);
        Assert.True((await unit.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date = due.AddDays(30), reason = "设备到货推迟" })).IsSuccessStatusCode);

        var approve = WebUtility.HtmlDecode(await PageForms.PostAsync(group, id, "ApproveExtension", new Dictionary<string, string> { ["note"] = "同意" }));
        var refuse = WebUtility.HtmlDecode(await PageForms.PostAsync(group, id, "RefuseExtension", new Dictionary<string, string> { ["reason"] = "理由不充分" }));

        Assert.Contains("请勾选“确认批准延期”", approve);
        Assert.Contains("请勾选“确认不予延期”", refuse);
        Assert.Contains("value=\"理由不充分\"", refuse);
        Assert.Equal("extension-requested", (await WebTestData.AssignmentAsync(group, id)).GetProperty("assignment").GetProperty("state").GetString());
    }
}
