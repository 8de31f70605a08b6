using System.Net;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Security headers on pages, API answers and refusals alike; forms without an antiforgery token refused.</summary>
[Collection(WebHostCollection.Name)]
public sealed class SecurityHeaderTests(WebHostFixture host)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/status")]
    [InlineData("/api/dashboard")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await host.Anonymous().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_form_post_without_an_antiforgery_token_is_refused()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "进展" });

        var response = await clerk.PostAsync("/assignments/1?handler=Report", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>The working group's outbox page: reachable by the working group (and from the mails' /outbox link), not by units.</summary>
[Collection(WebHostCollection.Name)]
public sealed class OutboxPageTests(WebHostFixture host)
{
    [Fact]
    public async Task The_outbox_page_is_the_working_groups()
    {
        var group = await host.SignedInAsync("zhuanban");
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"));

        var page = await group.GetAsync("/board/outbox?status=failed");
        var bad = await group.GetAsync("/board/outbox?status=lost");
        var refused = await clerk.GetAsync("/board/outbox");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"outbox\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
