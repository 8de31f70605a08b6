using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Every API endpoint against the three ways to be wrong: not signed in (401), another unit's data (403), the wrong
/// role (403). Refusals change nothing and land in the audit log.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ApiAuthorizationTests(WebHostFixture host)
{
    private const string UnitA = "省应急厅";
    private const string UnitB = "省公安厅";

    public enum Caller { Anonymous, OtherUnitClerk, OwnClerk, WorkingGroup }

    /// <summary>(method, path, body, who is wrong for it). {A} is an assignment of unit A, {F} a file of unit A.</summary>
    public static TheoryData<string, string, string?, Caller> Refusals => new()
    {
        { "GET", "/api/assignments/{A}", null, Caller.Anonymous },
        { "GET", "/api/assignments/{A}", null, Caller.OtherUnitClerk },
        { "POST", "/api/assignments/{A}/reports", """{"text":"进展"}""", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/reports", """{"text":"进展"}""", Caller.OtherUnitClerk },
        { "POST", "/api/assignments/{A}/reports", """{"text":"进展"}""", Caller.WorkingGroup },
        { "POST", "/api/assignments/{A}/completion", "multipart", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/completion", "multipart", Caller.OtherUnitClerk },
        { "POST", "/api/assignments/{A}/completion", "multipart", Caller.WorkingGroup },
        { "POST", "/api/assignments/{A}/extension", """{"date":"2025-12-31","reason":"需要"}""", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/extension", """{"date":"2025-12-31","reason":"需要"}""", Caller.OtherUnitClerk },
        { "POST", "/api/assignments/{A}/extension", """{"date":"2025-12-31","reason":"需要"}""", Caller.WorkingGroup },
        { "POST", "/api/assignments/{A}/approval", "{}", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/approval", "{}", Caller.OwnClerk },
        { "POST", "/api/assignments/{A}/approval", "{}", Caller.OtherUnitClerk },
        { "POST", "/api/assignments/{A}/rejection", """{"reason":"不全"}""", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/rejection", """{"reason":"不全"}""", Caller.OwnClerk },
        { "POST", "/api/assignments/{A}/extension/approval", "{}", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/extension/approval", "{}", Caller.OwnClerk },
        { "POST", "/api/assignments/{A}/extension/refusal", """{"reason":"不予"}""", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/extension/refusal", """{"reason":"不予"}""", Caller.OwnClerk },
        // Issue 15 part 5: 撤回 is the unit's own (of an application or of a draft waiting for 签发).
        { "POST", "/api/assignments/{A}/withdrawal", "{}", Caller.Anonymous },
        { "POST", "/api/assignments/{A}/withdrawal", "{}", Caller.OtherUnitClerk },
        { "POST", "/api/assignments/{A}/withdrawal", "{}", Caller.WorkingGroup },
        { "POST", "/api/assignments/{A}/sign-off/withdrawal", null, Caller.Anonymous },
        { "POST", "/api/assignments/{A}/sign-off/withdrawal", null, Caller.WorkingGroup },
        { "POST", "/api/escalations/1/approval", "{}", Caller.Anonymous },
        { "POST", "/api/escalations/1/approval", "{}", Caller.OwnClerk },
        { "GET", "/api/dashboard", null, Caller.Anonymous },
        { "GET", "/api/dashboard", null, Caller.OwnClerk },
        { "GET", "/api/files/{F}", null, Caller.Anonymous },
        { "GET", "/api/files/{F}", null, Caller.OtherUnitClerk },
        { "GET", "/api/files/{F}/preview", null, Caller.Anonymous },
        { "GET", "/api/files/{F}/preview", null, Caller.OtherUnitClerk },
        { "GET", "/api/assignments", null, Caller.Anonymous },
        { "GET", "/api/ledger.xlsx", null, Caller.Anonymous },
        { "GET", "/api/me", null, Caller.Anonymous },
        { "GET", "/api/antiforgery", null, Caller.Anonymous },
        { "GET", "/api/clock", null, Caller.Anonymous },
        { "POST", "/api/clock/advance", """{"days":1}""", Caller.Anonymous },
        { "POST", "/api/clock/advance", """{"days":1}""", Caller.OwnClerk },
        { "POST", "/api/clock/advance", """{"days":1}""", Caller.WorkingGroup },
        { "DELETE", "/api/session", null, Caller.Anonymous },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task The_wrong_caller_is_refused_and_nothing_changes(string method, string path, string? body, Caller caller)
    {
        var (assignment, file) = await SetUpAsync();
        var url = path.Replace("{A}", assignment.ToString()).Replace("{F}", file.ToString());
        var client = caller switch
        {
            Caller.Anonymous => host.Anonymous(),
            Caller.OtherUnitClerk => await host.SignedInAsync(WebHostFixture.ClerkOf(UnitB)),
            Caller.OwnClerk => await host.SignedInAsync(WebHostFixture.ClerkOf(UnitA)),
            _ => await host.SignedInAsync("zhuanban"),
        };
        var before = await SnapshotAsync(assignment);

        HttpResponseMessage response;
        if (body == "multipart")
            response = await WebTestData.ApplyAsync(client, assignment, "完成", ("evidence.pdf", WebTestData.Pdf()));
        else
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            response = await client.SendAsync(request);
        }

        var expected = caller == Caller.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        Assert.True(expected == response.StatusCode, $"{method} {url} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync(assignment));
    }

    [Fact]
    public async Task Asking_for_another_units_assignment_by_id_is_logged_with_who_and_where()
    {
        var (assignment, _) = await SetUpAsync();
        var other = await host.SignedInAsync(WebHostFixture.ClerkOf(UnitB));

        var response = await other.GetAsync($"/api/assignments/{assignment}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = await Db();
        var row = await db.Audit.Where(a => a.Target == $"assignment:{assignment}" && a.Outcome == "refused" && a.User == WebHostFixture.ClerkOf(UnitB))
            .OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("view-assignment", row.Action);
        Assert.Equal("unit-clerk", row.Role);
        // The in-process test server has no remote address; the end-to-end test checks it on the real host.
    }

    [Fact]
    public async Task A_clerk_lists_only_the_own_units_assignments_whatever_the_filter_says()
    {
        await SetUpAsync();
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf(UnitA));
        var group = await host.SignedInAsync("zhuanban");
        var unitB = (await WebTestData.AssignmentsAsync(group)).First(a => a.GetProperty("unitName").GetString() == UnitB).GetProperty("unitId").GetInt64();

        var own = await WebTestData.AssignmentsAsync(clerk);
        var asked = await WebTestData.AssignmentsAsync(clerk, $"?unitId={unitB}");

        Assert.NotEmpty(own);
        // Its own shares, and the shares of co-units it leads (children of its own): never anyone else's.
        var ownIds = own.Where(a => a.GetProperty("unitName").GetString() == UnitA).Select(a => a.GetProperty("id").GetInt64()).ToHashSet();
        Assert.All(own.Concat(asked), a => Assert.True(
            a.GetProperty("unitName").GetString() == UnitA
            || a.GetProperty("parentId") is { ValueKind: JsonValueKind.Number } parent && ownIds.Contains(parent.GetInt64()),
            a.ToString()));
        Assert.True((await WebTestData.AssignmentsAsync(group)).Count > own.Count);
    }

    [Fact]
    public async Task The_status_endpoint_and_the_OpenAPI_document_stay_open()
    {
        var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/status")).StatusCode);
        var openApi = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/assignments/{id}/completion", paths);
        Assert.Contains("/api/dashboard", paths);
        Assert.Contains("/api/ledger.xlsx", paths);
    }

    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static (long Assignment, long File)? _setUp;

    /// <summary>Picks an in-progress assignment of unit A, and gives unit A one evidence file (by applying for the
    /// completion of another of its assignments).</summary>
    private async Task<(long Assignment, long File)> SetUpAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (_setUp is { } done) return done;
            var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf(UnitA));
            var mine = (await WebTestData.AssignmentsAsync(clerk)).Where(a => a.GetProperty("state").GetString() == "in-progress").ToList();
            var target = mine[0].GetProperty("id").GetInt64();
            var withFile = mine[^1].GetProperty("id").GetInt64();
            var applied = await WebTestData.ApplyAsync(clerk, withFile, "已完成", ("方案.pdf", WebTestData.Pdf()));
            Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
            var detail = await WebTestData.AssignmentAsync(clerk, withFile);
            var file = detail.GetProperty("files").EnumerateArray().Single().GetProperty("id").GetInt64();
            _setUp = (target, file);
            return _setUp.Value;
        }
        finally
        {
            Setup.Release();
        }
    }

    private async Task<string> SnapshotAsync(long assignment)
    {
        await using var db = await Db();
        var row = await db.Assignments.AsNoTracking().SingleAsync(a => a.Id == assignment);
        var journal = await db.Journal.CountAsync(j => j.AssignmentId == assignment);
        var reports = await db.Reports.CountAsync(r => r.AssignmentId == assignment);
        var files = await db.EvidenceFiles.CountAsync(f => f.AssignmentId == assignment);
        return $"{row.State} v{row.Version} due {row.DueDate} journal {journal} reports {reports} files {files}";
    }

    private async Task<WorkflowDbContext> Db() =>
        await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
}
