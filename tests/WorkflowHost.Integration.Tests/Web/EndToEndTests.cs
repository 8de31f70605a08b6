using Microsoft.Playwright;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The real host (the built executable, its own SQLite file) driven through Debian's chromium: a unit reports and
/// applies for completion with a file, the working group rejects, the unit resubmits, the working group approves and
/// both sides see 销号; then the administrator moves the virtual clock and the working group approves an escalation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private const string Clerk = "yjt-clerk";
    private const string Leader = "yjt-leader";
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Report_apply_reject_resubmit_approve_and_escalate_in_the_browser()
    {
        await using var host = await RunningHost.StartAsync(_data.Path);
        await using var browser = await BrowserSession.StartAsync(host.BaseAddress);
        var page = browser.Page;

        await page.GotoAsync("/");
        await browser.ScreenshotAsync("01-login");
        await browser.SignInAsync(Clerk);
        Assert.EndsWith("/unit", page.Url);
        Assert.Contains("虚拟时钟运行中", await page.Locator("[data-testid=clock-banner]").InnerTextAsync());
        await browser.ScreenshotAsync("02-workbench");

        // The first assignment still in progress.
        var row = page.Locator("[data-testid=workbench] tr[data-assignment]").Filter(new() { Has = page.Locator(".state", new() { HasTextString = "推进中" }) }).First;
        var id = await row.GetAttributeAsync("data-assignment");
        await page.GotoAsync($"/assignments/{id}");

        // What the clerk sends waits for the unit leader's 签发.
        await page.FillAsync("[data-testid=report-form] textarea[name=text]", "已召开专题会议部署,完成全省督导检查。");
        await page.FillAsync("[data-testid=report-form] textarea[name=figures]", "检查企业: 120\n发现隐患: 36");
        await page.ClickAsync("[data-testid=report-form] button[type=submit]");
        Assert.Contains("进展报送已拟稿,待单位负责人签发", await browser.FlashAsync());
        Assert.Contains("待签发", await page.Locator("[data-testid=sign-off]").InnerTextAsync());
        await browser.SignOutAsync();

        await browser.SignInAsync(Leader);
        var draft = page.Locator("[data-testid=sign-off-queue] tr[data-sign-off]").Filter(new() { Has = page.Locator($"a[href='/assignments/{id}']") });
        Assert.Contains("已召开专题会议部署", await draft.InnerTextAsync());
        Assert.Contains("省应急厅联络员", await draft.InnerTextAsync()); // who drafted it, by the name the office knows
        Assert.DoesNotContain(Clerk, await draft.InnerTextAsync());
        await browser.ScreenshotAsync("03-sign-off-queue");
        await draft.Locator("button", new() { HasTextString = "签发" }).First.ClickAsync();
        Assert.Contains("已签发,进展报送已发出", await browser.FlashAsync());
        await page.GotoAsync($"/assignments/{id}");
        var timeline = await page.Locator("[data-testid=timeline]").InnerTextAsync();
        Assert.Contains("报送进展", timeline);
        Assert.Contains("签发", timeline);
        // The leader's own application needs no signature.
        await ApplyAsync(browser, "工作已完成,附会议纪要。", "会议纪要.pdf", "办结申请已提交");
        Assert.Equal("申请办结", await State(page));
        await browser.ScreenshotAsync("04-assignment-applied");
        await browser.SignOutAsync();

        await browser.SignInAsync("zhuanban");
        Assert.EndsWith("/board", page.Url);
        await page.ClickAsync($"[data-testid=awaiting-review] tr[data-assignment='{id}'] a");
        await page.FillAsync("[data-testid=reject-form] input[name=reason]", "佐证材料缺少检查台账,请补充。");
        await page.CheckAsync("[data-testid=reject-form] [data-testid=confirm-box]");
        await page.ClickAsync("[data-testid=reject-form] button[type=submit]");
        // A decision made from the board returns to the board as it was (filters, search, page), with the outcome.
        Assert.Contains("已退回", await browser.FlashAsync());
        Assert.EndsWith("/board", page.Url);
        Assert.Equal(0, await page.Locator($"[data-testid=awaiting-review] tr[data-assignment='{id}']").CountAsync());
        await page.GotoAsync($"/assignments/{id}");
        Assert.Equal("推进中", await State(page));
        await browser.SignOutAsync();

        await browser.SignInAsync(Clerk);
        await page.GotoAsync($"/assignments/{id}");
        Assert.Contains("佐证材料缺少检查台账", await page.Locator("[data-testid=timeline]").InnerTextAsync());
        await ApplyAsync(browser, "已补充检查台账。", "检查台账.pdf", "办结申请已拟稿");
        Assert.Equal("推进中", await State(page));
        await browser.SignOutAsync();

        // The leader signs it from the task page.
        await browser.SignInAsync(Leader);
        await page.GotoAsync($"/assignments/{id}");
        await page.ClickAsync("[data-testid=sign-off] button:has-text('签发')");
        Assert.Contains("已签发", await browser.FlashAsync());
        Assert.Equal("申请办结", await State(page));
        await browser.SignOutAsync();

        await browser.SignInAsync("zhuanban");
        await page.GotoAsync($"/assignments/{id}");
        // 销号 asks once more before it closes the task.
        await page.ClickAsync("[data-testid=approve-confirm] summary");
        await page.CheckAsync("[data-testid=approve-form] [data-testid=confirm-box]");
        await page.ClickAsync("[data-testid=approve-form] button[type=submit]");
        Assert.Contains("销号", await browser.FlashAsync());
        Assert.Equal("已销号", await State(page));
        await browser.ScreenshotAsync("05-assignment-closed");
        await page.GotoAsync("/board");
        Assert.True(int.Parse(await page.Locator("[data-testid=closed-count]").InnerTextAsync()) >= 1);
        await browser.ScreenshotAsync("06-board");
        await browser.SignOutAsync();

        await browser.SignInAsync(Clerk);
        // Closed tasks come last on the paged list: the 销号 light shows them first.
        await page.ClickAsync("a.light-count.closed");
        var closedRow = page.Locator($"[data-testid=workbench] tr[data-assignment='{id}']");
        Assert.Contains("已销号", await closedRow.InnerTextAsync());
        Assert.Contains("销号", await closedRow.Locator(".dot").InnerTextAsync());
        await browser.SignOutAsync();

        // Past the first deadlines (2024-02-29) by more than ten working days: 通报 are raised and await approval.
        await browser.SignInAsync("admin");
        await page.GotoAsync("/admin/clock");
        await page.FillAsync("[data-testid=advance-form] input[name=date]", "2024-03-20");
        page.SetDefaultTimeout(180_000);
        await page.ClickAsync("[data-testid=advance-form] button[type=submit]");
        page.SetDefaultTimeout(30_000);
        Assert.Contains("时钟已调整", await browser.FlashAsync());
        Assert.Contains("2024年3月20日", await page.Locator("[data-testid=clock-banner]").InnerTextAsync());
        await browser.ScreenshotAsync("07-admin-clock");
        await browser.SignOutAsync();

        // The board says how many proposals await; the queue holds one 拟通报 per task naming all its late units,
        // approved whole under one number.
        await browser.SignInAsync("zhuanban");
        Assert.NotEqual("0", await page.Locator("[data-testid=proposals-awaiting]").InnerTextAsync());
        await page.ClickAsync("[data-testid=escalations-awaiting] a");
        await browser.ScreenshotAsync("08-proposals");
        var proposal = page.Locator("article[data-proposal]").First;
        var proposalId = await proposal.GetAttributeAsync("data-proposal");
        var escalationId = Scalar($"select min(id) from escalations where proposal_id = {proposalId}");
        Assert.True(await proposal.Locator("[data-testid=members] li").CountAsync() > 1, "the first 通报 names one unit only");
        await proposal.Locator(".actions summary", new() { HasText = "批准印发" }).ClickAsync();
        await proposal.Locator(".actions input[name=confirm][value=approve]").CheckAsync();
        await proposal.Locator(".actions button[value=approve]").ClickAsync();
        Assert.Contains("已批准 1 项", await browser.FlashAsync());
        Assert.Equal(0, await page.Locator($"article[data-proposal='{proposalId}']").CountAsync());
        await page.GotoAsync("/board/wall");
        await browser.ScreenshotAsync("09-wall");
        await page.GotoAsync("/board/ranking");
        await browser.ScreenshotAsync("10-ranking");

        // 发文登记: the 通报 just approved is the first of its series; the 督办函 of 03-01 and 03-18 appear, numbered,
        // as the host's dispatcher gathers each unit's 函告 of a day into its letter (it runs every few seconds).
        await page.GotoAsync("/board/documents");
        var register = page.Locator("[data-testid=register]");
        Assert.Contains("甘安委办通报〔2024〕1号", await register.InnerTextAsync());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await register.InnerTextAsync()).Contains("甘安委办督函〔2024〕1号") && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await page.WaitForTimeoutAsync(1000);
            await page.ReloadAsync();
        }
        Assert.Contains("甘安委办督函〔2024〕1号", await register.InnerTextAsync());
        await browser.ScreenshotAsync("12-register");

        Assert.Equal("issued", Scalar($"select status from escalations where id = {escalationId}"));

        // The approved escalation's document, downloaded from the assignment page, is a valid .docx about this task.
        var escalatedAssignment = Scalar($"select assignment_id from escalations where id = {escalationId}");
        var taskNo = Scalar($"select t.no from escalations e join assignments a on a.id = e.assignment_id join plan_tasks t on t.id = a.task_id where e.id = {escalationId}");
        var unitName = Scalar($"select coalesce(u.full_name, u.name) from escalations e join assignments a on a.id = e.assignment_id join units u on u.id = a.unit_id where e.id = {escalationId}");
        await page.GotoAsync($"/assignments/{escalatedAssignment}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=escalation-document]").First.ClickAsync());
        var saved = _data.File("downloaded.docx");
        await download.SaveAsAsync(saved);
        Assert.EndsWith(".docx", download.SuggestedFilename);
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(saved, false))
        {
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains(unitName!, text);
            Assert.Contains($"第{taskNo}项", text);
        }
        // Who, when and from where: the real host records the browser's address.
        Assert.Equal("127.0.0.1", Scalar($"select remote_address from audit where action = 'approve' and target = 'assignment:{id}' and outcome = 'done'"));
    }

    private static async Task ApplyAsync(BrowserSession browser, string note, string fileName, string told)
    {
        var page = browser.Page;
        await page.FillAsync("[data-testid=apply-form] textarea[name=note]", note);
        await page.SetInputFilesAsync("[data-testid=apply-form] input[type=file]", new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = WebTestData.Pdf(note) });
        await page.ClickAsync("[data-testid=apply-form] button[type=submit]");
        Assert.Contains(told, await browser.FlashAsync());
        Assert.Contains(fileName, await page.Locator("[data-testid=files]").InnerTextAsync());
    }

    private static async Task<string> State(IPage page) => (await page.Locator("[data-testid=state]").InnerTextAsync()).Trim();

    private string? Scalar(string sql) => HostDatabase.Scalar(_data.File("workflowhost.db"), sql);
}
