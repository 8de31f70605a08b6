using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary><c>/api/status</c> answers its assignment count from the dashboard's counts snapshot, not a count per call.</summary>
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
}
