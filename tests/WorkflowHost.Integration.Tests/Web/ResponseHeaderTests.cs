using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Findings 10 (headers on a 500) and 11 of issue 11 in process: every personal answer is no-store, a 500
/// keeps the security headers, the calendar address comes from the configuration, not from the request.</summary>
[Collection(SessionHostCollection.Name)]
public sealed class ResponseHeaderTests(SessionHostFixture host)
{
    private const string Unit = "省应急厅";

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static void AssertNoStore(HttpResponseMessage response, string what) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control is '{response.Headers.CacheControl}'");

    [Fact]
    public async Task A_500_keeps_the_security_headers_and_is_not_stored()
    {
        var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add(SessionHostFixture.FaultHeader, "1");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
        AssertNoStore(response, "500");
    }

    [Fact]
    public async Task Every_personal_answer_is_no_store()
    {
        var group = await host.SignedInAsync("zhuanban", WebHostFixture.Password);
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit), WebHostFixture.Password);
        var escalation = await EscalationOfAsync(Unit);
        var id = (await WebTestData.AssignmentsAsync(clerk))[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await WebTestData.ApplyAsync(clerk, id, "完成", ("佐证.pdf", WebTestData.Pdf()))).StatusCode);
        var file = (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("files").EnumerateArray().First().GetProperty("url").GetString()!;
        var calendar = new Uri((await clerk.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("calendarUrl").GetString()!);

        foreach (var (client, path) in new[]
                 {
                     (group, "/api/me"), (clerk, "/api/assignments"), (group, $"/api/escalations/{escalation}/document"), (clerk, "/api/ledger.xlsx"),
                     (clerk, file), (host.Client(), calendar.PathAndQuery), (group, "/board"), (clerk, "/unit"), (host.Client(), "/account/login"),
                 })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            AssertNoStore(response, path);
            AssertSecurityHeaders(response);
        }
    }

    [Fact]
    public async Task The_calendar_address_is_built_from_the_configured_web_address_not_the_requests_host()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit), WebHostFixture.Password);

        // The test server's requests name the host "localhost" without a port; the configured address has :5080.
        var url = (await clerk.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("calendarUrl").GetString()!;

        Assert.StartsWith("http://localhost:5080/calendar/", url);
    }

    private async Task<long> EscalationOfAsync(string unit)
    {
        await using var db = await host.DbAsync();
        var assignment = await (from a in db.Assignments join u in db.Units on a.UnitId equals u.Id where u.Name == unit select a.Id).FirstAsync();
        var row = new EscalationRow { AssignmentId = assignment, Step = "letter", RaisedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Status = "issued" };
        db.Escalations.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}

/// <summary>The real server (Kestrel, a child process): no Server banner, only the configured host names answered, the
/// calendar address from <c>Mail:WebAppUrl</c> whatever the request's Host says, a declared over-long sign-in 413.</summary>
public sealed class HostNameTests : IAsyncLifetime
{
    private const string WebAppUrl = "https://duban.example.gov.cn";
    private readonly TempFolder _data = new();
    private RunningHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(_data.Path, new Dictionary<string, string> { ["WorkflowHost__Mail__WebAppUrl"] = WebAppUrl + "/" });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    private async Task<HttpResponseMessage> GetAsHostAsync(HttpClient client, string path, string hostHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.BaseAddress, path));
        request.Headers.Host = hostHeader;
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_server_names_no_banner_answers_only_its_names_and_links_to_its_configured_address()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        var signIn = await client.PostAsJsonAsync("/api/session", new { userName = WebHostFixture.LeaderOf("省应急厅"), password = WebHostFixture.Password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);

        var status = await client.GetAsync("/api/status");
        var forged = await GetAsHostAsync(client, "/api/me", "attacker.example");
        var configured = await GetAsHostAsync(client, "/api/status", "duban.example.gov.cn");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        var tooLong = await client.PostAsync("/api/session", new StringContent($"{{\"userName\":\"{new string('x', 100_000)}\",\"password\":\"x\"}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.False(status.Headers.Contains("Server"), $"Server: {string.Join(",", status.Headers.TryGetValues("Server", out var v) ? v : [])}");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("attacker.example", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.StartsWith(WebAppUrl + "/calendar/", me.GetProperty("calendarUrl").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", tooLong.Headers.CacheControl?.ToString());
    }
}
