namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15 part 3: a refused form keeps its text (already), and now names the files that were chosen, which
/// a browser will not let the page choose again by itself, so the person knows what to choose again.</summary>
[Collection(WebHostCollection.Name)]
public sealed class RefusedFormFileTests(WebHostFixture host)
{
    [Fact]
    public async Task A_refused_report_names_the_files_to_choose_again_once()
    {
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf("省文旅厅"));
        var id = (await WebTestData.AssignmentsAsync(leader, "?state=in-progress")).First().GetProperty("id").GetInt64();

        var page = System.Net.WebUtility.HtmlDecode(await PageForms.PostAsync(leader, id, "Report",
            new Dictionary<string, string> { ["text"] = "本月开展检查。", ["figures"] = "检查企业: 120家" }, ("检查记录.pdf", WebTestData.Pdf())));

        Assert.Contains("不是数值", page);
        Assert.Contains(">检查企业: 120家</textarea>", page);
        Assert.Contains("上次选择的文件(检查记录.pdf)未保存,请重新选择。", page);
        Assert.DoesNotContain("检查记录.pdf", System.Net.WebUtility.HtmlDecode(await leader.GetStringAsync($"/assignments/{id}")));
    }
}
