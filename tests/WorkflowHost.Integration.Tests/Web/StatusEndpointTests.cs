using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary><c>/api/status</c> answers its assignment count from the dashboard's counts snapshot, not a count per call,
/// and says how many incidents are open; the working group's board lists them.</summary>
[Collection(WebHostCollection.Name)]
public sealed class StatusEndpointTests(WebHostFixture host)
{
    [Fact]
    public async Task Status_counts_every_assignment_and_says_when_it_counted()
    {
        var status = await host.Anonymous().GetFromJsonAsync<JsonElement>("/api/status");

        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(await db.Assignments.CountAsync(), status.GetProperty("assignments").GetInt32());
        Assert.Equal(JsonValueKind.String, status.GetProperty("countedAt").ValueKind);
    }

    [Fact]
    public async Task Open_incidents_are_counted_by_the_status_and_listed_on_the_board()
    {
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var incident = new IncidentRow
        {
            TimerId = -1, Step = "briefing", Status = IncidentStatus.Open, Attempts = 2, FirstFailedAt = 0, LastFailedAt = 0,
            Error = "JsonException: '<b>' is an invalid start of a value.\n   at BriefingAssembler",
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        try
        {
            var status = await host.Anonymous().GetFromJsonAsync<JsonElement>("/api/status");
            Assert.Equal(1, status.GetProperty("incidents").GetInt32());

            var board = await (await host.SignedInAsync("zhuanban")).GetStringAsync("/board");
            Assert.Contains("系统异常", board);
            Assert.Contains($"data-incident=\"{incident.Id}\"", board);
            Assert.Contains("简报", board); // the step in the office's words
            Assert.Contains("JsonException: &#x27;&lt;b&gt;&#x27; is an invalid start of a value.", board); // the error's first line, encoded
            Assert.DoesNotContain("at BriefingAssembler", board);
        }
        finally
        {
            db.Incidents.Remove(incident);
            await db.SaveChangesAsync();
        }
        var after = await host.Anonymous().GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(0, after.GetProperty("incidents").GetInt32());
    }
}
