using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// 下达 and 催办 through the API, on a host of its own (it adds assignments other web tests would count): 兰州市
/// hands task 32 down, sees its children on the parent, presses one; every bad request is a problem naming why, and
/// changes nothing.
/// </summary>
public sealed class TreeApiTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    [Fact]
    public async Task A_city_hands_down_and_urges_through_the_API_and_every_bad_request_changes_nothing()
    {
        var city = await host.SignedInAsync(WebHostFixture.LeaderOf("兰州市"));
        var units = (await city.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().ToList();
        long UnitId(string name) => units.Single(u => u.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
        var lanzhou = units.Single(u => u.GetProperty("name").GetString() == "兰州市");
        Assert.Contains(UnitId("七里河区"), lanzhou.GetProperty("subUnitIds").EnumerateArray().Select(e => e.GetInt64()));
        var share = (await WebTestData.AssignmentsAsync(city)).First(a => a.GetProperty("taskNo").GetInt32() == 32 && a.GetProperty("unitName").GetString() == "兰州市");
        var id = share.GetProperty("id").GetInt64();
        var due = share.GetProperty("dueDate").GetString()!;

        // Refused, each naming why; none adds a share.
        var before = await CountAsync();
        await RefusedAsync(city, id, new { unitIds = Array.Empty<long>() }, HttpStatusCode.BadRequest, "请选择下达的单位");
        await RefusedAsync(city, id, new { unitIds = new[] { UnitId("天水市") }, due }, HttpStatusCode.BadRequest, "天水市不是本单位的下级单位");
        await RefusedAsync(city, id, new { unitIds = new[] { UnitId("城关区") }, due = "2099-01-01" }, HttpStatusCode.BadRequest, "工作日历尚未载入 2099 年");
        await RefusedAsync(city, id, new { unitIds = new[] { UnitId("城关区") }, due, workdaysBefore = 3 }, HttpStatusCode.BadRequest, "二者选一");
        await RefusedAsync(city, id, new { unitIds = new[] { UnitId("城关区") }, due, note = "说明\u0000" }, HttpStatusCode.BadRequest, "下达说明");
        var stranger = await host.SignedInAsync(WebHostFixture.LeaderOf("天水市"));
        await RefusedAsync(stranger, id, new { unitIds = new[] { UnitId("城关区") }, due }, HttpStatusCode.Forbidden, "");
        Assert.Equal(before, await CountAsync());

        var handed = await city.PostAsJsonAsync($"/api/assignments/{id}/handdown", new { unitIds = new[] { UnitId("城关区"), UnitId("七里河区") }, workdaysBefore = 2, note = "按时报送" });
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        var created = (await handed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("children").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Equal(2, created.Count);
        Assert.Equal(before + 2, await CountAsync());
        await RefusedAsync(city, id, new { unitIds = new[] { UnitId("城关区") }, due }, HttpStatusCode.Conflict, "不能重复下达");

        // The parent's answer lists them; the county sees its parent, not its sibling.
        var detail = await WebTestData.AssignmentAsync(city, id);
        Assert.Equal(["城关区", "七里河区"], detail.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("unit").GetString()));
        var county = await host.SignedInAsync(WebHostFixture.LeaderOf("七里河区"));
        var own = await WebTestData.AssignmentAsync(county, created[1]);
        Assert.Equal("兰州市", own.GetProperty("parent").GetProperty("unitName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync($"/api/assignments/{created[0]}")).StatusCode);

        // 催办: by the parent (or the working group), once a day; a county cannot press its sibling.
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync($"/api/assignments/{created[0]}/reminder", new { note = "催" })).StatusCode);
        var urged = await city.PostAsJsonAsync($"/api/assignments/{created[1]}/reminder", new { note = "请本周内报送" });
        Assert.Equal(HttpStatusCode.OK, urged.StatusCode);
        await RefusedReminderAsync(city, created[1], HttpStatusCode.Conflict, "今天已催办过");
        await RefusedReminderAsync(city, created[0], HttpStatusCode.BadRequest, "催办说明", new string('催', 10_001));
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.Kind == "urged" && o.AssignmentId == created[1]));
        Assert.Equal(0, await db.Outbox.CountAsync(o => o.Kind == "urged" && o.AssignmentId == created[0]));
    }

    private async Task<int> CountAsync()
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Assignments.CountAsync();
    }

    private static async Task RefusedAsync(HttpClient client, long id, object body, HttpStatusCode status, string detail)
    {
        var response = await client.PostAsJsonAsync($"/api/assignments/{id}/handdown", body);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    private static async Task RefusedReminderAsync(HttpClient client, long id, HttpStatusCode status, string detail, string? note = null)
    {
        var response = await client.PostAsJsonAsync($"/api/assignments/{id}/reminder", new { note });
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
