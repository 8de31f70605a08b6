using System.Net.Http.Json;
using System.Text.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Hosting;

/// <summary>The run command on a fresh machine: the host creates its SQLite file and imports the 2024 plan.</summary>
public sealed class HostStartTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_fresh_start_creates_the_database_and_imports_the_plan()
    {
        await using var host = await RunningHost.StartAsync(_data.Path);

        var status = await host.Http.GetFromJsonAsync<JsonElement>("/api/status");

        Assert.True(File.Exists(_data.File("workflowhost.db")));
        var plan = status.GetProperty("plans").EnumerateArray().Single();
        Assert.Equal(2024, plan.GetProperty("year").GetInt32());
        Assert.Equal(43, plan.GetProperty("tasks").GetInt32());
        Assert.True(status.GetProperty("assignments").GetInt32() > 43 * 15 / 2);
    }

    [Fact]
    public async Task A_second_start_keeps_the_data_as_it_was()
    {
        int assignments;
        await using (var first = await RunningHost.StartAsync(_data.Path))
            assignments = (await first.Http.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("assignments").GetInt32();

        await using var second = await RunningHost.StartAsync(_data.Path);
        var status = await second.Http.GetFromJsonAsync<JsonElement>("/api/status");

        Assert.Equal(assignments, status.GetProperty("assignments").GetInt32());
        Assert.Single(status.GetProperty("plans").EnumerateArray());
    }
}
