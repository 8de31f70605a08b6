using Microsoft.Playwright;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Issue 13 in the browser, on the real host: a co-unit applies and its lead (省安委会办公室 on task 6) finds it in
/// 待确认 and confirms it from its task page; 兰州市 hands task 32 down to two 县区 with an internal deadline five
/// working days before its own, presses one of them (催办, once a day) and the county sees who reviews it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TreePageTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_lead_confirms_its_co_unit_and_a_city_hands_a_task_down_in_the_browser()
    {
        await using var host = await RunningHost.StartAsync(_data.Path);
        await using var browser = await BrowserSession.StartAsync(host.BaseAddress);
        var page = browser.Page;
        var lead = AssignmentOf(6, "省安委会办公室");
        var share = AssignmentOf(6, "省应急厅");

        // The co-unit's own leader applies (a leader's sends need no 签发); it goes to the lead, not to the working group.
        await browser.SignInAsync(WebHostFixture.LeaderOf("省应急厅"));
        await page.GotoAsync($"/assignments/{share}");
        Assert.Contains("省安委会办公室", await page.Locator("[data-testid=parent-unit]").InnerTextAsync());
        await page.FillAsync("[data-testid=apply-form] textarea[name=note]", "本单位考核材料已报送。");
        await page.SetInputFilesAsync("[data-testid=apply-form] input[type=file]", new FilePayload { Name = "考核材料.pdf", MimeType = "application/pdf", Buffer = WebTestData.Pdf("考核材料") });
        await page.ClickAsync("[data-testid=apply-form] button[type=submit]");
        Assert.Contains("等待上级单位确认", await browser.FlashAsync());
        Assert.Contains("等待省安委会办公室确认", await page.Locator("[data-testid=unit-actions]").InnerTextAsync());
        // While it waits there is nothing to do on it: its row offers 查看, not 办理.
        await page.GotoAsync("/unit");
        var waiting = page.Locator($"[data-testid=workbench] tr[data-assignment='{share}']");
        Assert.Equal(0, await waiting.Locator("a.button").CountAsync());
        Assert.Contains("查看", await waiting.InnerTextAsync());
        await browser.SignOutAsync();

        // The lead sees it waiting in 待确认 and confirms it from the tree on its own task page.
        await browser.SignInAsync(WebHostFixture.LeaderOf("省安委会办公室"));
        Assert.Contains("省应急厅", await page.Locator($"[data-testid=confirm-queue] tr[data-assignment='{share}']").InnerTextAsync());
        await page.GotoAsync($"/assignments/{lead}");
        var row = page.Locator($"[data-testid=tree] tr[data-child='{share}']");
        Assert.Contains("申请办结", await row.InnerTextAsync());
        var others = await page.Locator("[data-testid=tree] tr[data-child]").CountAsync();
        Assert.True(others > 10, $"task 6 names every member unit; the tree shows {others}");
        await browser.ScreenshotAsync("11-lead-task-page");
        await row.Locator("summary:has-text('确认办结')").ClickAsync();
        await row.Locator("form[action*=ApproveChild] [data-testid=confirm-box]").CheckAsync();
        await row.Locator("button:has-text('确认省应急厅办结')").ClickAsync();
        Assert.Contains("已确认办结", await browser.FlashAsync());
        Assert.Contains("已销号", await page.Locator($"[data-testid=tree] tr[data-child='{share}']").InnerTextAsync());
        Assert.Contains($"1/{others} 已办结", await page.Locator("[data-testid=tree] h2").InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-testid=hand-down]").CountAsync()); // the office has no sub-units
        await browser.SignOutAsync();

        // 兰州市 hands task 32 (due 2024-06-30, a Sunday) down to two 县区, five working days before its own deadline.
        await browser.SignInAsync(WebHostFixture.LeaderOf("兰州市"));
        var city = AssignmentOf(32, "兰州市");
        await page.GotoAsync($"/assignments/{city}");
        await page.CheckAsync("[data-testid=hand-down-form] label:has-text('城关区') input");
        await page.CheckAsync("[data-testid=hand-down-form] label:has-text('七里河区') input");
        await page.FillAsync("[data-testid=hand-down-form] input[name=workdaysBefore]", "5");
        await page.FillAsync("[data-testid=hand-down-form] textarea[name=note]", "请于内部时限前报送完成情况。");
        await page.ClickAsync("[data-testid=hand-down-form] button[type=submit]");
        Assert.Contains("已下达", await browser.FlashAsync());
        var counties = page.Locator("[data-testid=tree] tr[data-child]");
        Assert.Equal(2, await counties.CountAsync());
        foreach (var county in await counties.AllAsync()) Assert.Contains("2024-06-21", await county.InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-testid=hand-down-form] label:has-text('城关区')").CountAsync());
        await browser.ScreenshotAsync("12-city-hand-down");

        // 催办 presses a county at once, and once a day.
        var qilihe = counties.Filter(new() { HasTextString = "七里河区" });
        await qilihe.Locator("button:has-text('催办')").ClickAsync();
        Assert.Contains("已催办", await browser.FlashAsync());
        await page.Locator("[data-testid=tree] tr[data-child]").Filter(new() { HasTextString = "七里河区" }).Locator("button:has-text('催办')").ClickAsync();
        Assert.Contains("今天已催办过", await browser.FlashAsync());
        await browser.SignOutAsync();

        // The county sees its share, who reviews it, and the 催办 on its timeline; never its sibling's share. It reports.
        await browser.SignInAsync(WebHostFixture.LeaderOf("七里河区"));
        var mine = AssignmentOf(32, "七里河区");
        await page.GotoAsync($"/assignments/{mine}");
        Assert.Contains("兰州市", await page.Locator("[data-testid=parent-unit]").InnerTextAsync());
        Assert.Contains("催办", await page.Locator("[data-testid=timeline]").InnerTextAsync());
        await page.FillAsync("[data-testid=report-form] textarea[name=text]", "已培训从业人员300人。");
        await page.FillAsync("[data-testid=report-form] textarea[name=figures]", "培训人数: 300");
        await page.ClickAsync("[data-testid=report-form] button[type=submit]");
        Assert.Contains("进展已报送", await browser.FlashAsync());
        await page.GotoAsync($"/assignments/{AssignmentOf(32, "城关区")}");
        Assert.Contains("/account/denied", page.Url);
        await browser.SignOutAsync();

        // 兰州市 starts its own report from its 县区' reports of the period, edits nothing, and sends it.
        await browser.SignInAsync(WebHostFixture.LeaderOf("兰州市"));
        await page.GotoAsync($"/assignments/{city}");
        Assert.Contains("七里河区", await page.Locator($"[data-testid=tree] tr[data-child='{mine}']").InnerTextAsync());
        await page.ClickAsync("[data-testid=consolidate]");
        var text = await page.InputValueAsync("[data-testid=report-form] textarea[name=text]");
        Assert.Contains("(1/2个单位已报送)", text);
        Assert.Contains("七里河区:已培训从业人员300人。", text);
        Assert.Contains("尚未报送:城关区", text);
        Assert.Equal("培训人数: 300", await page.InputValueAsync("[data-testid=report-form] textarea[name=figures]"));
        await page.ClickAsync("[data-testid=report-form] button[type=submit]");
        Assert.Contains("进展已报送", await browser.FlashAsync());
    }

    private string AssignmentOf(int taskNo, string unit) =>
        Scalar($"select a.id from assignments a join plan_tasks t on t.id = a.task_id join units u on u.id = a.unit_id where t.no = {taskNo} and u.name = '{unit}'")
        ?? throw new InvalidOperationException($"no assignment of task {taskNo} for {unit}");

    private string? Scalar(string sql) => HostDatabase.Scalar(_data.File("workflowhost.db"), sql);
}
