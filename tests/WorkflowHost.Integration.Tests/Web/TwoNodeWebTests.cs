using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The web app on two nodes behind a load balancer: two host processes on one PostgreSQL database sharing one data
/// folder (data-protection key ring, uploads, calendar key), and a person whose requests alternate between them as a
/// load balancer without stickiness would send them. The browser's cookie jar is one jar for both nodes (cookies do not
/// depend on the port), so what A set is what B receives.
/// </summary>
public sealed partial class TwoNodeWebTests : IAsyncLifetime
{
    private const string Password = "Gansu@2024";
    private readonly TempFolder _data = new();
    private PostgresServer.TestDatabase _database = null!;
    private RunningHost _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["WorkflowHost__Database__Provider"] = "PostgreSql",
            ["WorkflowHost__Database__ConnectionString"] = _database.ConnectionString,
        };
        // The first node alone imports the plan and creates the schema (as the README says to start a cluster).
        _a = await RunningHost.StartAsync(_data.Path, environment);
        _b = await RunningHost.StartAsync(_data.Path, environment);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_person_moving_between_nodes_keeps_the_session_the_tokens_the_files_and_sees_every_change()
    {
        var jar = new CookieContainer();
        using var onA = Client(_a, jar);
        using var onB = Client(_b, jar);
        // The unit's leader: what a clerk sends would wait for 签发, which is not what this test is about.
        var clerk = WebHostFixture.LeaderOf("省应急厅");

        // Signed in on A, signed in on B with the same cookie.
        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsJsonAsync("/api/session", new { userName = clerk, password = Password })).StatusCode);
        var me = await onB.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(clerk, (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());

        // A command on A is seen at once on B.
        // Its own shares with no co-unit's below (a lead applies only once those are confirmed).
        var listed = await WebTestData.AssignmentsAsync(onB, "?state=in-progress");
        var parents = listed.Select(a => a.GetProperty("parentId")).Where(p => p.ValueKind == JsonValueKind.Number).Select(p => p.GetInt64()).ToHashSet();
        var ids = listed.Where(a => a.GetProperty("unitName").GetString() == "省应急厅").Select(a => a.GetProperty("id").GetInt64()).Where(id => !parents.Contains(id)).ToList();
        Assert.Equal(HttpStatusCode.OK, (await onA.PostAsJsonAsync($"/api/assignments/{ids[0]}/reports", new { text = "在节点A报送" })).StatusCode);
        Assert.Contains((await WebTestData.AssignmentAsync(onB, ids[0])).GetProperty("reports").EnumerateArray(), r => r.GetProperty("text").GetString() == "在节点A报送");

        // The API's antiforgery token from A is accepted by B, and evidence uploaded through B downloads from A (and
        // the other way round below).
        var pdf = WebTestData.Pdf("uploaded through node B");
        Assert.Equal(HttpStatusCode.OK, (await ApplyWithTokenFromAsync(onA, onB, ids[1], ("佐证.pdf", pdf))).StatusCode);
        var file = (await WebTestData.AssignmentAsync(onA, ids[1])).GetProperty("files").EnumerateArray().Single();
        Assert.Equal("completion-applied", (await WebTestData.AssignmentAsync(onA, ids[1])).GetProperty("assignment").GetProperty("state").GetString());
        Assert.Equal(pdf, await onA.GetByteArrayAsync(file.GetProperty("url").GetString()));

        var second = WebTestData.Pdf("uploaded through node A");
        Assert.Equal(HttpStatusCode.OK, (await WebTestData.ApplyAsync(onA, ids[2], "完成", ("佐证2.pdf", second))).StatusCode);
        var url = (await WebTestData.AssignmentAsync(onB, ids[2])).GetProperty("files").EnumerateArray().Single().GetProperty("url").GetString();
        Assert.Equal(second, await onB.GetByteArrayAsync(url));

        // A page's form token from A is accepted by B's page handler (302 back to the page, not 400).
        var page = await onA.GetStringAsync($"/assignments/{ids[3]}");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["text"] = "页面表单经节点B" });
        var posted = await onB.PostAsync($"/assignments/{ids[3]}?handler=Report", form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains((await WebTestData.AssignmentAsync(onA, ids[3])).GetProperty("reports").EnumerateArray(), r => r.GetProperty("text").GetString() == "页面表单经节点B");

        // The calendar feed address A hands out is honoured by B (the feed key is in the shared folder too).
        var calendar = new Uri((await onA.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("calendarUrl").GetString()!);
        using var anonymousB = Client(_b, new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, (await anonymousB.GetAsync(calendar.PathAndQuery)).StatusCode);

    }

    private static HttpClient Client(RunningHost node, CookieContainer jar) =>
        new(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>申请办结 posted to one node with the antiforgery token the other node issued.</summary>
    private static async Task<HttpResponseMessage> ApplyWithTokenFromAsync(HttpClient issuer, HttpClient target, long id, (string Name, byte[] Content) file)
    {
        var token = await issuer.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        var form = new MultipartFormDataContent { { new StringContent("完成"), "note" } };
        var part = new ByteArrayContent(file.Content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(part, "files", file.Name);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assignments/{id}/completion") { Content = form };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return await target.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
