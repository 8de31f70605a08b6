using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Issue 14 part 4: a 通报 awaiting the working group's approval is the working group's draft. Past the first
/// deadlines, the late unit neither sees it on its page or its timeline nor downloads it; once approved, it does,
/// dated by the approval. On a host of its own: the clock moves.
/// </summary>
public sealed class DraftEscalationTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    [Fact]
    public async Task A_unit_sees_and_downloads_a_通报_only_once_it_is_approved()
    {
        var admin = await host.SignedInAsync("admin");
        var moved = await admin.PostAsJsonAsync("/api/clock/advance", new { to = "2024-03-20T09:30:00+08:00" });
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        long escalationId, assignmentId;
        string unit;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var draft = await (
                from e in db.Escalations
                join a in db.Assignments on e.AssignmentId equals a.Id
                join u in db.Units on a.UnitId equals u.Id
                where e.Status == EscalationStatuses.AwaitingApproval && e.Step == "circular" && u.Kind != "region"
                orderby e.Id
                select new { e.Id, e.AssignmentId, u.Name }).FirstAsync();
            (escalationId, assignmentId, unit) = (draft.Id, draft.AssignmentId, draft.Name);
        }
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf(unit));

        var refused = await leader.GetAsync($"/api/escalations/{escalationId}/document");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("尚未印发", await refused.Content.ReadAsStringAsync());
        var detail = await WebTestData.AssignmentAsync(leader, assignmentId);
        Assert.DoesNotContain(detail.GetProperty("escalations").EnumerateArray(), e => e.GetProperty("id").GetInt64() == escalationId);
        Assert.DoesNotContain(detail.GetProperty("timeline").EnumerateArray(), j => j.GetProperty("event").GetString() == "circular");
        var page = WebUtility.HtmlDecode(await leader.GetStringAsync($"/assignments/{assignmentId}"));
        Assert.DoesNotContain("待专班批准", page);
        // The working group sees the draft where it decides.
        var group = await host.SignedInAsync("zhuanban");
        Assert.Equal(HttpStatusCode.OK, (await group.GetAsync($"/api/escalations/{escalationId}/document")).StatusCode);
        var seen = await WebTestData.AssignmentAsync(group, assignmentId);
        Assert.Contains(seen.GetProperty("escalations").EnumerateArray(), e => e.GetProperty("id").GetInt64() == escalationId);

        Assert.True((await group.PostAsync($"/api/escalations/{escalationId}/approval", null)).IsSuccessStatusCode);

        var issued = await leader.GetAsync($"/api/escalations/{escalationId}/document");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        detail = await WebTestData.AssignmentAsync(leader, assignmentId);
        Assert.Contains(detail.GetProperty("escalations").EnumerateArray(), e => e.GetProperty("id").GetInt64() == escalationId);
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), j => j.GetProperty("event").GetString() == "escalation-approved");
        Assert.DoesNotContain(detail.GetProperty("timeline").EnumerateArray(), j => j.GetProperty("event").GetString() == "circular");
    }
}
