using System.Text.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// 晾晒 in Debian's chromium: at 1366×768 every column header of every ranking stands on one line (they used to wrap
/// into stacks of one or two characters); at 390×844 the rankings are cards (no header row shown, each line a card with
/// its labels). Screenshots of both go to tests/artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RankingBrowserTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Headers_stand_on_one_line_at_1366_and_the_phone_shows_cards()
    {
        await using var host = await RunningHost.StartAsync(_data.Path);
        await using var browser = await BrowserSession.StartAsync(host.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync("admin");
        // Early March: the first deadlines have passed, so provincial units and cities have something due.
        await page.GotoAsync("/admin/clock");
        await page.FillAsync("[data-testid=advance-form] input[name=date]", "2024-03-05");
        page.SetDefaultTimeout(300_000);
        await page.ClickAsync("[data-testid=advance-form] button[type=submit]");
        page.SetDefaultTimeout(30_000);
        Assert.Contains("时钟已调整", await browser.FlashAsync());
        await browser.SignOutAsync();
        await browser.SignInAsync("zhuanban");

        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync("/board/ranking");
        var headers = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('table.ranking th')].map(th => {
                const style = getComputedStyle(th);
                return { text: th.innerText.trim(), height: th.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
                         line: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6 };
            })
            """);
        Assert.True(headers.GetArrayLength() >= 11, $"{headers.GetArrayLength()} headers"); // eleven columns a ranking
        foreach (var th in headers.EnumerateArray())
            Assert.True(th.GetProperty("height").GetDouble() < 1.5 * th.GetProperty("line").GetDouble(),
                $"「{th.GetProperty("text").GetString()}」 wraps: {th.GetProperty("height").GetDouble()} px for a {th.GetProperty("line").GetDouble()} px line");
        var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(fits, "the ranking is wider than 1366 px");
        await browser.ScreenshotAsync("ranking-desktop");

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/board/ranking");
        var phone = await page.EvaluateAsync<JsonElement>("""
            () => ({ head: getComputedStyle(document.querySelector('table.ranking thead')).display,
                     row: getComputedStyle(document.querySelector('table.ranking tbody tr')).display,
                     label: getComputedStyle(document.querySelector('table.ranking td[data-label="按时报送率"]'), '::before').content,
                     card: document.querySelector('table.ranking tbody tr').getBoundingClientRect().height,
                     scroll: document.documentElement.scrollWidth, inner: window.innerWidth })
            """);
        Assert.Equal("none", phone.GetProperty("head").GetString());
        Assert.Equal("block", phone.GetProperty("row").GetString());
        Assert.Contains("按时报送率", phone.GetProperty("label").GetString());
        // Compact: the figures side by side under the unit, not eleven lines a unit.
        Assert.True(phone.GetProperty("card").GetDouble() <= 200, $"a ranking card is {phone.GetProperty("card").GetDouble()} px tall");
        Assert.True(phone.GetProperty("scroll").GetInt32() <= phone.GetProperty("inner").GetInt32(), "the phone's ranking overflows");
        await browser.ScreenshotAsync("ranking-phone");
    }
}
