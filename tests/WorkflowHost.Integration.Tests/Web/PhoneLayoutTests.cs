using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Issue 15 parts 1 and 2 in Debian's chromium, at 1366×768 and at 390×844: every page, signed in as a clerk, a unit
/// leader, a city, the working group and the administrator, fits its width (the document no wider than the window, no
/// element wider than it or sticking out of it outside a scrolling strip, such as the phone's menu), and on the phone
/// every button, menu entry and list link is at least 44 px high. The search box finds a task by number and by words,
/// and a filtered list pages to its last row. Screenshots of each page at both widths go to tests/artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PhoneLayoutTests : IDisposable
{
    private static readonly (int Width, int Height, string Name)[] Widths = [(1366, 768, "desktop"), (390, 844, "phone")];
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Every_page_fits_a_phone_and_a_desktop_and_the_board_searches_and_pages()
    {
        await using var host = await RunningHost.StartAsync(_data.Path);
        await using var browser = await BrowserSession.StartAsync(host.BaseAddress);
        var page = browser.Page;

        await CheckEveryWidthAsync(browser, "layout-login", "/account/login");
        await browser.SignInAsync("admin");
        await CheckEveryWidthAsync(browser, "layout-admin-clock", "/admin/clock");
        // To mid-April 2024, as the issue found it: overdue lists, 督办 letters in the register, 通报 awaiting approval.
        await page.SetViewportSizeAsync(1366, 768);
        await page.FillAsync("[data-testid=advance-form] input[name=date]", "2024-04-15");
        page.SetDefaultTimeout(300_000);
        await page.ClickAsync("[data-testid=advance-form] button[type=submit]");
        page.SetDefaultTimeout(30_000);
        Assert.Contains("时钟已调整", await browser.FlashAsync());
        await browser.SignOutAsync();

        foreach (var (user, pages) in new (string, string[])[]
        {
            ("yjt-clerk", ["/unit", "first-task", "/unit/report", "/account/password"]),
            ("yjt-leader", ["/unit"]),
            ("lanzhou-clerk", ["/unit", "first-task"]),
            ("zhuanban", ["/board", "/board?area=regions", "first-overdue", "/board?overduePage=2", "/board/wall", "/board/ranking", "/board/outbox", "/board/documents", "/board/briefings", "/board/proposals"]),
        })
        {
            await page.SetViewportSizeAsync(1366, 768);
            await browser.SignInAsync(user);
            foreach (var path in pages)
                await CheckEveryWidthAsync(browser, $"layout-{user}-{Slug(path)}", await ResolveAsync(page, path));
            if (user == "zhuanban") await SearchAndPageAsync(browser);
            await page.SetViewportSizeAsync(1366, 768);
            await browser.SignOutAsync();
        }
    }

    /// <summary>The working group's search and pages, at both widths: a task by its number, by words of its content,
    /// and the regions' list to its last row through the pager.</summary>
    private static async Task SearchAndPageAsync(BrowserSession browser)
    {
        var page = browser.Page;
        foreach (var (width, height, name) in Widths)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/board");
            await page.FillAsync("[data-testid=filters] [data-testid=search]", "任务17");
            await page.ClickAsync("[data-testid=filters] button[type=submit]");
            var numbers = await TaskNumbersAsync(page);
            Assert.NotEmpty(numbers);
            Assert.All(numbers, n => Assert.Equal(17, n));

            var task = await page.EvaluateAsync<JsonElement>("async () => (await (await fetch('/api/assignments?task=21')).json())[0]");
            var words = task.GetProperty("taskContent").GetString()![3..9];
            await page.GotoAsync("/board");
            await page.FillAsync("[data-testid=filters] [data-testid=search]", words);
            await page.ClickAsync("[data-testid=filters] button[type=submit]");
            Assert.Contains(21, await TaskNumbersAsync(page));
            await browser.ScreenshotAsync($"search-{name}");

            await page.GotoAsync("/board?area=regions");
            var first = await page.Locator("[data-testid=filtered-pager-words]").InnerTextAsync();
            var counted = PagerWords().Match(first);
            Assert.True(counted.Success, first);
            var (total, pages) = (int.Parse(counted.Groups[1].Value), int.Parse(counted.Groups[3].Value));
            Assert.True(pages > 1, first);
            await page.ClickAsync("[data-testid=filtered-pager-last]");
            Assert.Equal($"共 {total} 项,第 {pages}/{pages} 页", (await page.Locator("[data-testid=filtered-pager-words]").InnerTextAsync()).Trim());
            Assert.Contains("area=regions", page.Url);
            Assert.Equal(total - (pages - 1) * WorkflowHost.Web.Views.DashboardQueries.ListedPage, await page.Locator("[data-testid=filtered] tr[data-assignment]").CountAsync());
            await AssertFitsAsync(page, $"{name} /board?area=regions last page", phone: width < 640);
            await browser.ScreenshotAsync($"paged-{name}");
            if (width < 640)
            {
                await page.Locator("[data-testid=filtered-pager]").ScrollIntoViewIfNeededAsync();
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Screenshots, "paged-phone-screen.png") });
            }
        }
    }

    private static async Task<List<int>> TaskNumbersAsync(IPage page) =>
        (await page.Locator("[data-testid=filtered] tr[data-assignment] td[data-label=任务] a").AllInnerTextsAsync())
            .Select(t => int.Parse(TaskNumber().Match(t).Groups[1].Value)).ToList();

    /// <summary>Opens <paramref name="path"/> at each width, checks it fits and screenshots it.</summary>
    private static async Task CheckEveryWidthAsync(BrowserSession browser, string name, string path)
    {
        foreach (var (width, height, size) in Widths)
        {
            await browser.Page.SetViewportSizeAsync(width, height);
            var response = await browser.Page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path}: {response?.Status}");
            await AssertFitsAsync(browser.Page, $"{size} {path}", phone: width < 640);
            await browser.ScreenshotAsync($"{name}-{size}");
            // The phone's first screen too, as a person sees it (the full page of a long list is a thin strip).
            if (width < 640) await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Screenshots, $"{name}-{size}-screen.png") });
        }
    }

    /// <summary>Addresses found on the page of the signed-in person: their first task, the board's first overdue task.</summary>
    private static async Task<string> ResolveAsync(IPage page, string path)
    {
        var list = path switch { "first-task" => "/unit", "first-overdue" => "/board", _ => null };
        if (list is null) return path;
        await page.GotoAsync(list);
        var links = path == "first-overdue" ? "[data-testid=overdue]" : "table.list";
        var href = await page.Locator($"{links} a[href^='/assignments/']").First.GetAttributeAsync("href");
        Assert.NotNull(href);
        return href!;
    }

    private static async Task AssertFitsAsync(IPage page, string where, bool phone)
    {
        var fit = await page.EvaluateAsync<JsonElement>(FitScript, phone);
        var (scroll, inner) = (fit.GetProperty("scroll").GetInt32(), fit.GetProperty("inner").GetInt32());
        Assert.True(scroll <= inner, $"{where}: the document is {scroll} px wide in a {inner} px window");
        var wide = fit.GetProperty("wide").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(wide.Count == 0, $"{where}: wider than the window or sticking out: {string.Join("; ", wide)}");
        var small = fit.GetProperty("small").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(small.Count == 0, $"{where}: touch targets under 44 px: {string.Join("; ", small)}");
    }

    /// <summary>Measures the page as laid out: the document's width, every visible element wider than the window or
    /// reaching past its right edge (unless inside a strip that scrolls sideways on purpose), and on a phone every
    /// visible button, menu entry, form control and list link less than 44 px high.</summary>
    private const string FitScript = """
        phone => {
            const inner = window.innerWidth;
            const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '')
                + ' "' + (e.innerText || e.value || '').trim().slice(0, 20) + '"';
            const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
            const wide = [...document.querySelectorAll('body *')].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && (r.width > inner + 0.5 || (r.right > inner + 0.5 && !scrolls(e)));
            }).slice(0, 8).map(e => name(e) + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');
            const targets = 'button, .button, header.top nav a, .who a, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), .pager a, table.list td a, .light-count';
            const small = phone ? [...document.querySelectorAll(targets)].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.height < 43.5;
            }).slice(0, 8).map(e => name(e) + ' ' + Math.round(e.getBoundingClientRect().height) + 'px') : [];
            return { scroll: document.documentElement.scrollWidth, inner, wide, small };
        }
        """;

    private static string Slug(string path) => path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-') is { Length: > 0 } s ? s : "home";

    [GeneratedRegex(@"共 (\d+) 项,第 (\d+)/(\d+) 页")]
    private static partial Regex PagerWords();

    [GeneratedRegex(@"任务(\d+)")]
    private static partial Regex TaskNumber();
}
