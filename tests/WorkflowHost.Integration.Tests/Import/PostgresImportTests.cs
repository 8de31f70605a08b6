using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>The production option: the same import on a real PostgreSQL server, through its own migrations.</summary>
public sealed class PostgresImportTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private static Dictionary<string, string> On(PostgresServer.TestDatabase database) => new()
    {
        ["WorkflowHost__Database__Provider"] = "PostgreSql",
        ["WorkflowHost__Database__ConnectionString"] = database.ConnectionString,
    };

    [Fact]
    public async Task Import_on_postgresql_is_complete_and_idempotent()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var environment = On(database);

        var first = await ProductProcess.RunAsync(_data.Path, environment, "plan", "import");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var assignments = await database.CountAsync("select count(*) from assignments");
        var second = await ProductProcess.RunAsync(_data.Path, environment, "plan", "import");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing changed", second.Stdout);
        Assert.Equal(43, await database.CountAsync("select count(*) from plan_tasks"));
        Assert.Equal(39 * 15, await database.CountAsync("select count(*) from assignments where role = 'region'"));
        Assert.Equal(assignments, await database.CountAsync("select count(*) from assignments"));
        Assert.Equal(1, await database.CountAsync("select count(*) from plan_tasks where no = 1 and due_date = date '2024-02-29'"));
        Assert.False(File.Exists(_data.File("workflowhost.db")), "PostgreSQL was configured; no SQLite file should appear");
    }

    [Fact]
    public async Task A_bad_plan_changes_nothing_on_postgresql()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var environment = On(database);
        Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, environment, "plan", "import")).ExitCode);
        var before = await database.CountAsync("select count(*) from assignments");
        var folder = _data.CopyOfPlan2024();
        File.WriteAllText(Path.Combine(folder, "plan.json"), File.ReadAllText(Path.Combine(folder, "plan.json")).Replace("\"year\": 2024", "\"year\": 2025"));

        // A new year's plan with one unknown unit: nothing of it may land.
        File.WriteAllText(Path.Combine(folder, "plan.txt"), File.ReadAllText(Path.Combine(folder, "plan.txt")).Replace("(省委编办、", "(省外星厅、"));
        var result = await ProductProcess.RunAsync(_data.Path, environment, "plan", "import", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("省外星厅", result.Stderr);
        Assert.Equal(before, await database.CountAsync("select count(*) from assignments"));
        Assert.Equal(1, await database.CountAsync("select count(*) from plans"));
    }
}
