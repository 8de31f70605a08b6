using Microsoft.Playwright;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Debian's chromium driven by Playwright (never a downloaded browser), one page, screenshots saved as test
/// artifacts under tests/artifacts/screenshots/.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public static string Screenshots { get; } = Path.Combine(RepoPaths.Root, "tests", "artifacts", "screenshots");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _base;

    public IPage Page { get; }

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page, Uri baseAddress)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        _base = baseAddress;
    }

    public static async Task<BrowserSession> StartAsync(Uri baseAddress)
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: run `bash .ci/install-prerequisites` as root (it installs Debian's chromium)");
        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where chromium refuses its sandbox. --lang: the file and date pickers speak
        // Chinese in the screenshots, as they do on the offices' machines.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--lang=zh-CN"],
            Env = ChineseEnvironment() });
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = 1360, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new BrowserSession(playwright, browser, page, baseAddress);
    }

    /// <summary>This process's environment with a Chinese UI language: Playwright's own Locale sets what pages read
    /// (Accept-Language, navigator.language), not the strings chromium draws itself.</summary>
    private static Dictionary<string, string> ChineseEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        environment["LANGUAGE"] = "zh_CN";
        return environment;
    }

    public async Task SignInAsync(string userName, string password = WebHostFixture.Password)
    {
        await Page.GotoAsync("/account/login");
        await Page.FillAsync("input[name=userName]", userName);
        await Page.FillAsync("input[name=password]", password);
        await Page.ClickAsync("button[type=submit]");
        // Landing pages list every share of a lead's tree; on a loaded CI machine they can take longer than a click.
        await Page.WaitForURLAsync(url => !url.Contains("/account/login"), new() { Timeout = 120_000 });
    }

    public async Task SignOutAsync()
    {
        await Page.ClickAsync("header form.who button");
        await Page.WaitForURLAsync(url => url.Contains("/account/login"), new() { Timeout = 120_000 });
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    public async Task<string> FlashAsync() => (await Page.Locator("[data-testid=flash]").InnerTextAsync()).Trim();

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}

/// <summary>The browser tests run one at a time: each starts a host process and a chromium, and several at once on a
/// 2-core machine already running the rest of the suite starve one another past any sensible timeout.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
