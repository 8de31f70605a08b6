using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowHost.Integration.Tests.Import;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The import review in the browser, on the real host: the working group uploads a list with three unknown names and a
/// task without a deadline, maps two names to directory units, adds the third as a new unit, sets the deadline and
/// imports; the board's plan filter then counts that plan's assignments alone. A unit's clerk is refused the page.
/// The host reads a copy of the seed data, since the review writes its aliases into the directory file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportReviewBrowserTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private string CopyOfSeedData()
    {
        var target = _data.File("seed-data");
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "seed-data"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "seed-data"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    [Fact]
    public async Task Upload_map_two_names_set_a_deadline_and_import()
    {
        var seedData = CopyOfSeedData();
        await using var host = await RunningHost.StartAsync(_data.File("db"), new Dictionary<string, string> { ["WorkflowHost__SeedData"] = seedData });
        await using var browser = await BrowserSession.StartAsync(host.BaseAddress);
        var page = browser.Page;

        await browser.SignInAsync("zhuanban");
        await page.GotoAsync("/board/import");
        await page.SetInputFilesAsync("[data-testid=upload-form] input[name=file]",
            new FilePayload { Name = "2025年测试清单.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(ImportReviewTests.List) });
        await page.FillAsync("input[name=year]", "2025");
        await page.FillAsync("input[name=title]", "测试计划");
        await page.FillAsync("input[name=issuer]", "甘肃省安全生产委员会办公室");
        await page.FillAsync("input[name=issuedOn]", "2025-02-20");
        await page.FillAsync("input[name=annexTitle]", "2025年测试工作任务清单");
        await page.ClickAsync("[data-testid=upload-form] button[type=submit]");

        Assert.Equal("还有4个问题", (await page.Locator("[data-testid=review-status]").InnerTextAsync()).Trim());
        var unknown = page.Locator("[data-testid=unknown-names] tr[data-name]");
        Assert.Equal(["省应急管理厅", "省消防总队", "省红十字会"], await unknown.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.name)"));
        Assert.Contains("没有写完成时限", await page.Locator("[data-testid=review-tasks] tr[data-task='2']").InnerTextAsync());
        Assert.Contains("省应急管理厅", await page.Locator("[data-testid=review-tasks] tr[data-task='1']").InnerTextAsync());
        await browser.ScreenshotAsync("import-01-review");

        await MapAsync(page, "省应急管理厅", "省应急厅");
        Assert.Contains("「省应急管理厅」已对应到「省应急厅」", await browser.FlashAsync());
        await MapAsync(page, "省消防总队", "省消防救援总队");
        Assert.Contains("已对应", await browser.FlashAsync());

        var add = page.Locator("[data-testid=unknown-names] tr[data-name='省红十字会']");
        await add.Locator("summary").ClickAsync();
        await add.Locator("input[name=fullName]").FillAsync("甘肃省红十字会");
        await add.Locator("select[name=kind]").SelectOptionAsync("mass-organization");
        await add.Locator("input[name=email]").FillAsync("hsh@gansu.example");
        await add.Locator("[data-testid=add-unit-form] button[type=submit]").ClickAsync();
        Assert.Contains("已添加新单位「省红十字会」", await browser.FlashAsync());

        // A deadline the parser does not read is refused, naming the field; then a good one.
        var deadline = page.Locator("[data-testid=review-tasks] tr[data-task='2'] [data-testid=deadline-form]");
        await deadline.Locator("input[name=deadline]").FillAsync("过几天吧");
        await deadline.Locator("button").ClickAsync();
        Assert.StartsWith("完成时限:", await browser.FlashAsync());
        await deadline.Locator("input[name=deadline]").FillAsync("9月底前");
        await deadline.Locator("button").ClickAsync();
        Assert.Contains("任务2的完成时限已设为「9月底前」", await browser.FlashAsync());
        Assert.Contains("2025年9月30日", await page.Locator("[data-testid=review-tasks] tr[data-task='2'] [data-testid=deadline]").InnerTextAsync());
        Assert.Equal("没有问题,可以导入。", (await page.Locator("[data-testid=review-status]").InnerTextAsync()).Trim());
        await browser.ScreenshotAsync("import-02-ready");

        await page.ClickAsync("[data-testid=import]");
        var flash = await browser.FlashAsync();
        Assert.Contains("已导入2025年计划「测试计划」:3项任务", flash);
        var imported = int.Parse(Regex.Match(flash, @"(\d+)条承办任务").Groups[1].Value);
        Assert.EndsWith("/board", page.Url);
        await page.SelectOptionAsync("[data-testid=plan-filter]", "2025");
        await page.ClickAsync("[data-testid=filters] button[type=submit]");
        Assert.Equal(imported.ToString(), await page.Locator("[data-testid=total]").InnerTextAsync());
        await page.GotoAsync("/board?plan=2024");
        Assert.Equal("1241", await page.Locator("[data-testid=total]").InnerTextAsync());

        // The aliases are where the CLI reads them.
        var units = await File.ReadAllTextAsync(Path.Combine(seedData, "units.json"));
        Assert.Contains("\"省应急管理厅\"", units);
        Assert.Contains("\"省红十字会\"", units);
        await browser.SignOutAsync();

        await browser.SignInAsync("yjt-clerk");
        await page.GotoAsync("/board/import");
        Assert.Contains("无权访问", await page.Locator("h1").InnerTextAsync());
    }

    private static async Task MapAsync(IPage page, string name, string target)
    {
        var row = page.Locator($"[data-testid=unknown-names] tr[data-name='{name}']");
        await row.Locator("input[name=target]").FillAsync(target);
        await row.Locator("[data-testid=map-form] button").ClickAsync();
    }
}
