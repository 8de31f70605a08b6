using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// 签发 through the API: what a unit's clerk sends waits for the unit's leader, who signs it (sent as the leader, the
/// clerk recorded as 拟稿) or returns it with a reason; a clerk cannot sign, nor a leader another unit's draft.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class SignOffTests(WebHostFixture host)
{
    private const string Unit = "省工信厅";
    private const string OtherUnit = "省科技厅";

    [Fact]
    public async Task A_clerks_application_waits_for_the_leaders_sign_off_and_goes_out_as_the_leader()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf(Unit));
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var id = await OwnInProgressAsync(clerk, skip: 0);

        var drafted = await WebTestData.ApplyAsync(clerk, id, "已完成整治", ("总结.pdf", WebTestData.Pdf()));
        Assert.Equal(HttpStatusCode.Accepted, drafted.StatusCode);
        Assert.Equal("in-progress", await StateAsync(clerk, id));
        // One draft at a time per assignment; a second is refused and nothing more is held.
        var second = await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "另一份" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("待签发的办结申请", await DetailAsync(second));

        var queue = await leader.GetFromJsonAsync<List<JsonElement>>("/api/sign-offs");
        var entry = Assert.Single(queue!, d => d.GetProperty("assignmentId").GetInt64() == id);
        Assert.Equal("办结申请", entry.GetProperty("title").GetString());
        Assert.Equal($"{Unit}联络员", entry.GetProperty("preparedBy").GetString()); // as the office knows the clerk

        // A clerk cannot sign, nor another unit's leader.
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/assignments/{id}/sign-off", null)).StatusCode);
        var stranger = await host.SignedInAsync(WebHostFixture.LeaderOf(OtherUnit));
        var foreign = await stranger.PostAsync($"/api/assignments/{id}/sign-off", null);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("in-progress", await StateAsync(clerk, id));

        var signed = await leader.PostAsync($"/api/assignments/{id}/sign-off", null);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("completion-applied", await StateAsync(clerk, id));
        var timeline = (await WebTestData.AssignmentAsync(leader, id)).GetProperty("timeline").EnumerateArray().ToList();
        var applied = timeline.Single(e => e.GetProperty("event").GetString() == "applied");
        Assert.Equal(WebHostFixture.LeaderOf(Unit), applied.GetProperty("actor").GetString());
        var signOff = timeline.Single(e => e.GetProperty("event").GetString() == "signed-off");
        Assert.Equal("签发", signOff.GetProperty("title").GetString());
        Assert.Contains(WebHostFixture.ClerkOf(Unit), signOff.GetProperty("data").GetString());
        Assert.DoesNotContain((await leader.GetFromJsonAsync<List<JsonElement>>("/api/sign-offs"))!, d => d.GetProperty("assignmentId").GetInt64() == id);
        // Signed once: a second signature finds nothing to sign.
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/assignments/{id}/sign-off", null)).StatusCode);
    }

    [Fact]
    public async Task The_leader_returns_a_draft_with_a_reason_and_nothing_is_sent()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf(Unit));
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var id = await OwnInProgressAsync(clerk, skip: 1);
        var reportsBefore = await CountAsync(db => db.Reports.CountAsync(r => r.AssignmentId == id));

        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "本月检查企业 12 家" })).StatusCode);
        var noReason = await leader.PostAsJsonAsync($"/api/assignments/{id}/sign-off/refusal", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("理由", await DetailAsync(noReason));
        var returned = await leader.PostAsJsonAsync($"/api/assignments/{id}/sign-off/refusal", new { reason = "数字与台账不符" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);

        Assert.Equal(reportsBefore, await CountAsync(db => db.Reports.CountAsync(r => r.AssignmentId == id)));
        var back = await clerk.GetFromJsonAsync<List<JsonElement>>("/api/sign-offs?status=returned");
        var mine = Assert.Single(back!, d => d.GetProperty("assignmentId").GetInt64() == id);
        Assert.Equal("数字与台账不符", mine.GetProperty("reason").GetString());
        var timeline = (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.GetProperty("event").GetString() == "sign-off-refused" && e.GetProperty("reason").GetString() == "数字与台账不符");
        // With the draft returned the clerk may write again; the leader's own report needs no signature.
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "负责人直接报送" })).StatusCode);
        Assert.Equal(reportsBefore + 1, await CountAsync(db => db.Reports.CountAsync(r => r.AssignmentId == id)));
    }

    [Fact]
    public async Task A_draft_the_workflow_would_refuse_is_refused_when_written_not_when_signed()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf(Unit));
        var id = await OwnInProgressAsync(clerk, skip: 2);
        var draftsBefore = await CountAsync(db => db.SignOffs.CountAsync(s => s.AssignmentId == id));

        var earlier = await clerk.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date = "2024-01-01", reason = "工程量大" });
        var badStatus = await clerk.GetAsync("/api/sign-offs?status=everything");

        Assert.Equal(HttpStatusCode.Conflict, earlier.StatusCode);
        Assert.Contains("须晚于", await DetailAsync(earlier));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(draftsBefore, await CountAsync(db => db.SignOffs.CountAsync(s => s.AssignmentId == id)));
        Assert.Equal("in-progress", await StateAsync(clerk, id));
    }

    private static async Task<long> OwnInProgressAsync(HttpClient clerk, int skip) =>
        (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress"))
            .Where(a => a.GetProperty("unitName").GetString() == Unit && a.GetProperty("dueDate").ValueKind == JsonValueKind.String)
            .Skip(skip).First().GetProperty("id").GetInt64();

    private static async Task<string?> StateAsync(HttpClient client, long id) =>
        (await WebTestData.AssignmentAsync(client, id)).GetProperty("assignment").GetProperty("state").GetString();

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private async Task<int> CountAsync(Func<WorkflowDbContext, Task<int>> count)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await count(db);
    }
}
