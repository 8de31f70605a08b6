using Microsoft.Data.Sqlite;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary><c>plan import</c> into a real SQLite file: complete, idempotent, and all-or-nothing.</summary>
public sealed class PlanImportTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private string DatabaseFile => _data.File("workflowhost.db");

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private (long Plans, long Tasks, long Units, long Assignments) Counts() =>
        (Count("select count(*) from plans"), Count("select count(*) from plan_tasks"), Count("select count(*) from units"), Count("select count(*) from assignments"));

    [Fact]
    public async Task Import_stores_43_tasks_and_one_assignment_per_task_and_unit()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "plan", "import");
        Assert.True(result.ExitCode == 0, result.Stderr);

        Assert.Equal(1, Count("select count(*) from plans where year = 2024 and issuer = '甘肃省安全生产委员会' and issued_on = '2024-02-25'"));
        Assert.Equal(43, Count("select count(*) from plan_tasks"));
        Assert.Equal(0, Count("select count(*) from (select task_id, unit_id from assignments group by task_id, unit_id having count(*) > 1)"));
        // Task 5's rule: tasks 5..43 are each carried by the 14 市州 and 兰州新区.
        Assert.Equal(39 * 15, Count("select count(*) from assignments where role = 'region'"));
        // Task 2 is the office's alone.
        Assert.Equal(1, Count("select count(*) from assignments a join plan_tasks t on t.id = a.task_id where t.no = 2"));
        Assert.Equal(1, Count("select count(*) from assignments a join plan_tasks t on t.id = a.task_id join units u on u.id = a.unit_id where t.no = 2 and u.name = '省安委会办公室'"));
        // The directory's tree: 兰州市's eight 县区 and its 应急局 belong to it, and no other unit belongs to anyone.
        Assert.Equal(9, Count("select count(*) from units c join units p on p.id = c.parent_id where p.name = '兰州市'"));
        Assert.Equal(9, Count("select count(*) from units where parent_id is not null"));
    }

    [Fact]
    public async Task Importing_twice_changes_nothing()
    {
        Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, "plan", "import")).ExitCode);
        var before = Counts();
        var importedAt = Count("select count(*) from plans where imported_at is not null");

        var second = await ProductProcess.RunAsync(_data.Path, "plan", "import");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing changed", second.Stdout);
        Assert.Equal(before, Counts());
        Assert.Equal(importedAt, Count("select count(*) from plans where imported_at is not null"));
    }

    [Fact]
    public async Task A_bad_plan_changes_nothing()
    {
        var folder = _data.CopyOfPlan2024();
        var text = File.ReadAllText(Path.Combine(folder, "plan.txt")).Replace("(省安委会办公室;2月底前完成)", "(省安委会办公室;2月30日前完成)");
        File.WriteAllText(Path.Combine(folder, "plan.txt"), text);

        var result = await ProductProcess.RunAsync(_data.Path, "plan", "import", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("任务2 完成时限", result.Stderr);
        Assert.False(File.Exists(DatabaseFile) && Count("select count(*) from sqlite_master where name = 'plans'") > 0 && Count("select count(*) from plans") > 0);
    }

    [Fact]
    public async Task A_changed_plan_for_an_imported_year_is_refused_and_changes_nothing()
    {
        Assert.Equal(0, (await ProductProcess.RunAsync(_data.Path, "plan", "import")).ExitCode);
        var before = Counts();
        var folder = _data.CopyOfPlan2024();
        File.WriteAllText(Path.Combine(folder, "plan.txt"), File.ReadAllText(Path.Combine(folder, "plan.txt")).Replace("10月底前完成", "11月底前完成"));

        var result = await ProductProcess.RunAsync(_data.Path, "plan", "import", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already imported", result.Stderr);
        Assert.Equal(before, Counts());
    }

    [Theory]
    [InlineData("tasks.csv")]
    [InlineData("tasks.xlsx")]
    public async Task The_same_plan_as_a_table_reads_the_same_tasks(string fileName)
    {
        var folder = _data.CopyOfPlan2024();
        var rows = PlanTableFiles.AnnexRows(Path.Combine(folder, "plan.txt"));
        var table = Path.Combine(folder, fileName);
        if (fileName.EndsWith(".csv")) PlanTableFiles.WriteCsv(table, rows);
        else PlanTableFiles.WriteXlsx(table, rows);

        var fromTable = await ProductProcess.RunAsync(_data.Path, "plan", "show", table, "--json");
        var fromText = await ProductProcess.RunAsync(_data.Path, "plan", "show", folder, "--json");

        Assert.True(fromTable.ExitCode == 0, fromTable.Stderr);
        // A table has no body to derive actions from; everything else must be identical.
        Assert.Equal(WithoutActions(fromText.Stdout), WithoutActions(fromTable.Stdout));
    }

    [Fact]
    public async Task A_table_without_the_deadline_column_is_refused_naming_the_header_row()
    {
        var folder = _data.CopyOfPlan2024();
        var rows = PlanTableFiles.AnnexRows(Path.Combine(folder, "plan.txt"));
        rows[0][3] = "时间";
        var table = Path.Combine(folder, "tasks.csv");
        PlanTableFiles.WriteCsv(table, rows);

        var result = await ProductProcess.RunAsync(_data.Path, "plan", "validate", table);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("tasks.csv:1: 表头: 没有「完成时限」列", result.Stderr);
    }

    [Fact]
    public async Task A_table_with_a_duplicate_task_number_names_the_rows()
    {
        var folder = _data.CopyOfPlan2024();
        var rows = PlanTableFiles.AnnexRows(Path.Combine(folder, "plan.txt"));
        rows[10][0] = "9";
        var table = Path.Combine(folder, "tasks.xlsx");
        PlanTableFiles.WriteXlsx(table, rows);

        var result = await ProductProcess.RunAsync(_data.Path, "plan", "validate", table);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("tasks.xlsx:11: 任务9 序号: 序号9出现两次(第一次在第10行)", result.Stderr);
        Assert.Contains("任务10 序号: 缺少任务10", result.Stderr);
    }

    private static string WithoutActions(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"action\": (null|\"[^\"]*\")", "\"action\": -");

    [Fact]
    public async Task A_csv_in_gbk_is_refused_with_the_reason()
    {
        var folder = _data.CopyOfPlan2024();
        var csv = Path.Combine(folder, "tasks.csv");
        // 「序号」 in GB18030, which is not valid UTF-8.
        File.WriteAllBytes(csv, [0xD0, 0xF2, 0xBA, 0xC5, (byte)',', (byte)'a', (byte)'\n']);

        var result = await ProductProcess.RunAsync(_data.Path, "plan", "validate", csv);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("UTF-8", result.Stderr);
    }
}
