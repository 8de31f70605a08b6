using Microsoft.Data.Sqlite;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.BadInput;

/// <summary>The bad-plan corpus (see README.md beside this file): every case is refused with its error, naming the
/// file, line, task and field where it can, and leaves the database exactly as it was.</summary>
public sealed class PlanCorpusTests : IClassFixture<PlanCorpusTests.ImportedDatabase>, IDisposable
{
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "WorkflowHost.Integration.Tests", "BadInput", "plans");
    private readonly ImportedDatabase _database;
    private readonly TempFolder _work = new();

    public PlanCorpusTests(ImportedDatabase database) => _database = database;

    public void Dispose() => _work.Dispose();

    /// <summary>A database holding the real 2024 plan, shared by the cases (each must leave it unchanged).</summary>
    public sealed class ImportedDatabase : IAsyncLifetime
    {
        public TempFolder Folder { get; } = new();

        public async Task InitializeAsync()
        {
            var result = await ProductProcess.RunAsync(Folder.Path, "plan", "import");
            if (result.ExitCode != 0) throw new InvalidOperationException(result.Stderr);
        }

        public Task DisposeAsync()
        {
            Folder.Dispose();
            return Task.CompletedTask;
        }

        /// <summary>Row counts of every table and a digest of the assignments and timers.</summary>
        public string Fingerprint()
        {
            using var connection = new SqliteConnection($"Data Source={Folder.File("workflowhost.db")};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                select (select count(*) from plans) || '/' || (select count(*) from plan_tasks) || '/' || (select count(*) from units)
                    || '/' || (select count(*) from assignments) || '/' || (select count(*) from timers) || '/' || (select count(*) from journal)
                    || '/' || (select group_concat(name || email, ',') from units)
                    || '/' || (select sum(id * 31 + task_id * 7 + unit_id) from assignments)
                """;
            return (string)command.ExecuteScalar()!;
        }
    }

    public static TheoryData<string> Cases() => new(Directory.GetDirectories(Corpus).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_case_is_refused_with_its_error_and_changes_nothing(string name)
    {
        var plan = _work.CopyOfPlan2024();
        foreach (var file in Directory.GetFiles(Path.Combine(Corpus, name)).Where(f => Path.GetFileName(f) != "expected-error.txt"))
            File.Copy(file, Path.Combine(plan, Path.GetFileName(file)), overwrite: true);
        var expected = File.ReadAllText(Path.Combine(Corpus, name, "expected-error.txt")).Trim();
        var before = _database.Fingerprint();

        var validated = await ProductProcess.RunAsync(_database.Folder.Path, "plan", "validate", plan);
        var imported = await ProductProcess.RunAsync(_database.Folder.Path, "plan", "import", plan);

        Assert.Equal(2, validated.ExitCode);
        Assert.Contains(expected, validated.Stderr);
        Assert.Equal(2, imported.ExitCode);
        Assert.Contains(expected, imported.Stderr);
        Assert.Contains("没有导入任何内容", imported.Stderr);
        Assert.Equal(before, _database.Fingerprint());
    }

    [Fact]
    public async Task Ten_megabytes_of_garbage_is_refused_quickly_and_changes_nothing()
    {
        var plan = _work.CopyOfPlan2024();
        var garbage = new byte[10 * 1024 * 1024];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(plan, "plan.txt"), garbage);
        var before = _database.Fingerprint();

        var result = await ProductProcess.RunAsync(_database.Folder.Path, "plan", "import", plan);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("plan.txt: 编码: 文件不是有效的 UTF-8", result.Stderr);
        Assert.Equal(before, _database.Fingerprint());
    }

    [Fact]
    public async Task Ten_megabytes_of_valid_text_without_a_task_list_is_refused()
    {
        var plan = _work.CopyOfPlan2024();
        File.WriteAllText(Path.Combine(plan, "plan.txt"), new string('啊', 3_500_000));

        var result = await ProductProcess.RunAsync(_database.Folder.Path, "plan", "validate", plan);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("找不到 plan.json 的 annexTitle 所写的清单标题", result.Stderr);
    }
}
