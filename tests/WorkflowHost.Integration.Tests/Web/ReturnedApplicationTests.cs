using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15's item 6, as found: after 退回 neither the unit's list nor the task's page said so, the reason was
/// only in the timeline, and the next step still read 「报送本期进展」. Now both show 已退回, the page shows the reason,
/// the next step asks for a new application, and applying again clears it.</summary>
[Collection(WebHostCollection.Name)]
public sealed partial class ReturnedApplicationTests(WebHostFixture host)
{
    [Fact]
    public async Task A_returned_application_is_visible_with_its_reason_until_the_unit_applies_again()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf("省交通运输厅"));
        var group = await host.SignedInAsync("zhuanban");
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Last().GetProperty("id").GetInt64();
        Assert.True((await WebTestData.ApplyAsync(clerk, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);
        var rejected = await group.PostAsJsonAsync($"/api/assignments/{id}/rejection", new { reason = "佐证材料不全,请补充验收报告" });
        Assert.True(rejected.IsSuccessStatusCode, await rejected.Content.ReadAsStringAsync());

        var page = await PageAsync(clerk, $"/assignments/{id}");
        var list = await PageAsync(clerk, "/unit");

        Assert.Contains("已退回", page);
        Assert.Contains("退回意见:佐证材料不全,请补充验收报告", page);
        Assert.Contains("办结申请已被退回", NextStepOf(page));
        Assert.Matches($"(?s)data-assignment=\"{id}\"(?:(?!</tr>).)*已退回", list);

        Assert.True((await WebTestData.ApplyAsync(clerk, id, "已补充验收报告")).IsSuccessStatusCode);
        Assert.DoesNotContain("data-testid=\"returned\"", await PageAsync(clerk, $"/assignments/{id}"));
    }

    private static async Task<string> PageAsync(HttpClient client, string path) =>
        System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private static string NextStepOf(string page) => NextStep().Match(page).Groups[1].Value;

    [GeneratedRegex("data-testid=\"next-step\">([^<]*)<", RegexOptions.Singleline)]
    private static partial Regex NextStep();
}
