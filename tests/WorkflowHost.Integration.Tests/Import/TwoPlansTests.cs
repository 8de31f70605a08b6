using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Units;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>Plans of several years side by side: the shipped 2025 list imports beside 2024 (through the verb and in
/// process), and the board's plan filter counts only the chosen plan's assignments.</summary>
public sealed class TwoPlansTests : IDisposable
{
    private static string Plan2025 => Path.Combine(RepoPaths.Root, "seed-data", "plans", "2025");

    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_data.File("workflowhost.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task The_plan_import_verb_imports_2025_beside_2024_and_again_changes_nothing()
    {
        Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, "plan", "import")).ExitCode);
        var first = await ProductProcess.RunAsync(_data.Path, "plan", "import", Plan2025);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var again = await ProductProcess.RunAsync(_data.Path, "plan", "import", Plan2025);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing changed", again.Stdout);
        Assert.Equal(2, Count("select count(*) from plans"));
        Assert.Equal(43, Count("select count(*) from plan_tasks t join plans p on p.id = t.plan_id where p.year = 2024"));
        Assert.Equal(12, Count("select count(*) from plan_tasks t join plans p on p.id = t.plan_id where p.year = 2025"));
        Assert.Equal(1241, Count("select count(*) from assignments a join plan_tasks t on t.id = a.task_id join plans p on p.id = t.plan_id where p.year = 2024"));
    }

    [Fact]
    public async Task The_board_counts_only_the_chosen_plans_assignments()
    {
        await using var engine = await EngineHarness.StartAsync(_data.Path, EngineHarness.China(2025, 2, 25, 9));
        var directory = engine.Services.GetRequiredService<UnitDirectory>();
        await using (var db = engine.Db())
        {
            var outcome = await new PlanImporter(db, engine.Services.GetRequiredService<WorkflowRuntime>()).ImportAsync(PlanLoader.Load(Plan2025, directory), directory);
            Assert.True(outcome.Imported);
        }
        int all, of2024, of2025;
        await using (var db = engine.Db())
        {
            all = await db.Assignments.CountAsync(a => a.State != null);
            of2024 = await db.Assignments.CountAsync(a => a.State != null && db.PlanTasks.Any(t => t.Id == a.TaskId && db.Plans.Any(p => p.Id == t.PlanId && p.Year == 2024)));
            of2025 = all - of2024;
        }
        Assert.Equal(1241, of2024);
        Assert.True(of2025 > 0);

        var board = engine.Services.GetRequiredService<FilteredBoardQueries>();
        var today = new DateOnly(2025, 2, 25);
        async Task<int> CountAsync(BoardScope scope) => (await board.CellsAsync(scope, today, 7)).Sum(c => c.Count);

        Assert.Equal(all, await CountAsync(new BoardScope()));
        Assert.Equal(of2024, await CountAsync(new BoardScope(PlanYear: 2024)));
        Assert.Equal(of2025, await CountAsync(new BoardScope(PlanYear: 2025)));
        // With another filter: task 1 of each year is a different task.
        Assert.Equal(4, await CountAsync(new BoardScope(TaskNo: 1, PlanYear: 2025)));
        Assert.Equal(0, await CountAsync(new BoardScope(PlanYear: 2026)));
    }
}
