using System.Text.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary>
/// <c>plan show --json</c> against the published document: the annex lines are read here directly (not through the
/// product's parser), and deadlines, units and actions are checked against a table written from reading the document.
/// </summary>
public sealed class PlanShowTests : IClassFixture<PlanShowTests.PlanJson>
{
    public sealed class PlanJson : IAsyncLifetime
    {
        public JsonElement[] Tasks { get; private set; } = [];
        private readonly TempFolder _data = new();

        public async Task InitializeAsync()
        {
            var result = await ProductProcess.RunAsync(_data.Path, "plan", "show", "--json");
            Assert.True(result.ExitCode == 0, result.Stderr);
            Tasks = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToArray();
        }

        public Task DisposeAsync()
        {
            _data.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly JsonElement[] _tasks;

    public PlanShowTests(PlanJson plan) => _tasks = plan.Tasks;

    /// <summary>The annex as published: line N after 「附件:2024年重点工作任务清单」 is task N.</summary>
    private static readonly string[] AnnexLines = File.ReadAllLines(Path.Combine(RepoPaths.PlanFolder, "plan.txt"))
        .SkipWhile(line => !line.StartsWith("附件", StringComparison.Ordinal)).Skip(1)
        .Where(line => line.Trim().Length > 0).ToArray();

    private JsonElement TaskNo(int no) => _tasks.Single(t => t.GetProperty("no").GetInt32() == no);

    [Fact]
    public void The_annex_has_43_tasks_numbered_1_to_43()
    {
        Assert.Equal(43, AnnexLines.Length);
        Assert.Equal(Enumerable.Range(1, 43), _tasks.Select(t => t.GetProperty("no").GetInt32()));
    }

    [Fact]
    public void Every_task_reassembles_to_its_annex_line_verbatim()
    {
        for (var no = 1; no <= 43; no++)
        {
            var task = TaskNo(no);
            var rebuilt = $"{no}.{task.GetProperty("content").GetString()}({task.GetProperty("responsibility").GetProperty("text").GetString()};{task.GetProperty("deadline").GetProperty("text").GetString()})";
            Assert.Equal(AnnexLines[no - 1].Trim(), rebuilt);
        }
    }

    [Fact]
    public void Seed_plan_text_is_the_published_document_verbatim()
    {
        // A verbatim copy of the published plan (tests/fixtures/README.md), so a clone on its own can check it.
        var source = Path.Combine(RepoPaths.Root, "tests", "fixtures", "source", "002_da3870f8aec7dcd3.txt");
        Assert.True(File.Exists(source), $"the published plan should be at {source}");
        var published = File.ReadAllLines(source)[3..114];
        Assert.Equal(published, File.ReadAllLines(Path.Combine(RepoPaths.PlanFolder, "plan.txt")));
    }

    public static TheoryData<int, string?> Deadlines() => new()
    {
        { 1, "2024-02-29" }, { 2, "2024-02-29" }, { 3, "2024-03-15" }, { 4, "2024-02-29" }, { 5, "2024-03-15" },
        { 6, "2024-12-31" }, { 7, "2024-12-31" }, { 8, "2024-10-31" }, { 9, "2024-10-31" }, { 10, null },
        { 11, "2024-12-31" }, { 12, "2024-08-31" }, { 13, "2024-10-31" }, { 14, "2024-10-31" }, { 15, null },
        { 16, null }, { 17, "2024-12-31" }, { 18, "2024-12-31" }, { 19, "2024-12-31" }, { 20, null },
        { 21, null }, { 22, "2024-12-31" }, { 23, "2024-12-31" }, { 24, "2024-12-31" }, { 25, "2024-12-31" },
        { 26, "2024-12-31" }, { 27, "2024-12-31" }, { 28, "2024-12-31" }, { 29, "2024-12-31" }, { 30, "2024-10-31" },
        { 31, "2024-12-31" }, { 32, "2024-06-30" }, { 33, null }, { 34, null }, { 35, null },
        { 36, "2024-03-31" }, { 37, null }, { 38, null }, { 39, "2024-12-31" }, { 40, "2024-12-31" },
        { 41, "2024-12-31" }, { 42, "2024-04-30" }, { 43, "2024-12-31" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void Deadline_is_the_date_the_document_gives(int no, string? date)
    {
        var deadline = TaskNo(no).GetProperty("deadline");
        Assert.Equal(date is null ? "ongoing" : "due", deadline.GetProperty("kind").GetString());
        Assert.Equal(date, deadline.GetProperty("date").GetString());
    }

    private const string Supervisors = "负有安全监管职责的部门";
    private const string Members = "省安委会成员单位";

    public static TheoryData<int, string[], string[], string[]> Responsibilities() => new()
    {
        { 1, ["省安委会办公室"], ["省安委会办公室"], [Members] },
        { 2, [], ["省安委会办公室"], [] },
        { 3, [], ["省安委会办公室"], [] },
        { 4, [], [], [Members] },
        { 5, [], [], [] },
        { 6, ["省安委会办公室"], ["省安委会办公室"], [Members] },
        { 7, ["省应急厅", "省卫生健康委", "省政府国资委", "国家矿山安监局甘肃局"], ["省应急厅", "省卫生健康委", "省政府国资委", "国家矿山安监局甘肃局"], ["各有关部门"] },
        { 8, [], ["省交通运输厅", "省住建厅", "省应急厅", "省公安厅", "省文旅厅", "省市场监管局"], [] },
        { 9, [], ["省教育厅", "省民政厅", "省消防救援总队"], [Supervisors] },
        { 10, [], [], [Supervisors] },
        { 13, [], ["省委宣传部", "省应急厅", "甘肃日报社", "甘肃广电总台"], [] },
        { 14, [], ["省发展改革委", "省科技厅", "省工信厅", "省住建厅", "省自然资源厅", "省应急厅"], [Supervisors] },
        { 20, [], ["省应急厅", "省总工会"], [Supervisors] },
        { 22, [], ["省应急厅", "省住建厅", "省交通运输厅", "省水利厅", "省公安厅", "省消防救援总队", "国家矿山安监局甘肃局", "省发展改革委", "省工信厅", "省科技厅", "省商务厅"], [] },
        { 23, [], ["省应急厅", "国网电力甘肃公司"], [] },
        { 24, [], ["省应急厅", "省住建厅", "省水利厅", "省地震局", "省气象局", "省自然资源厅"], [] },
        { 25, [], ["省应急厅", "省住建厅", "省交通运输厅", "省公安厅", "省工信厅", "省生态环境厅", "省农业农村厅"], [Supervisors] },
        { 26, [], ["省能源局", "省应急厅", "国家矿山安监局甘肃局"], [] },
        { 27, [], ["省应急厅", "省能源局", "省工信厅", "省商务厅"], [] },
        { 28, [], ["省住建厅", "省消防救援总队", "省商务厅", "省交通运输厅"], [] },
        { 29, [], ["省公安厅", "省消防救援总队", "省住建厅", "省交通运输厅", "省水利厅", "省市场监管局", "兰州铁路监管局", "省应急厅"], [Supervisors] },
        { 30, [], ["省应急厅"], [Supervisors] },
        { 31, [], ["省应急厅", "国家矿山安监局甘肃局", "省公安厅", "省交通运输厅", "省住建厅"], [Supervisors] },
        { 35, [], [], [Supervisors] },
        { 36, ["省安委会办公室"], ["省安委会办公室"], [Supervisors] },
        { 37, ["省安委会办公室"], ["省安委会办公室"], [Supervisors] },
        { 38, ["省应急厅"], ["省应急厅"], [Supervisors] },
        { 39, [], ["省委编办", "省应急厅", "省消防救援总队"], [] },
        { 42, [], ["省委宣传部", "省广电局", "省应急厅"], [] },
        { 43, [], ["省交通运输厅", "省农业农村厅", "省总工会", "团省委", "省应急厅"], [] },
    };

    [Theory]
    [MemberData(nameof(Responsibilities))]
    public void Responsibility_names_the_units_and_groups_of_the_document(int no, string[] leads, string[] units, string[] groups)
    {
        var responsibility = TaskNo(no).GetProperty("responsibility");
        Assert.Equal(leads, Strings(responsibility.GetProperty("leads")));
        Assert.Equal(units, Strings(responsibility.GetProperty("units")));
        Assert.Equal(groups, Strings(responsibility.GetProperty("groups")));
    }

    [Fact]
    public void Task_5_and_every_later_task_is_carried_by_the_regions()
    {
        for (var no = 1; no <= 43; no++)
            Assert.Equal(no >= 5, TaskNo(no).GetProperty("responsibility").GetProperty("regions").GetBoolean());
    }

    [Fact]
    public void Actions_follow_the_body_sections()
    {
        string? Action(int no) => TaskNo(no).GetProperty("action").GetString();
        foreach (var no in new[] { 1, 2, 3, 4, 5, 6, 10 }) Assert.Null(Action(no));
        Assert.All(new[] { 7, 8, 9 }, no => Assert.Equal("开展生产经营单位主要负责人安全教育培训行动", Action(no)));
        Assert.All(new[] { 12, 13 }, no => Assert.Equal("开展重大事故隐患判定标准贯彻落实提升行动", Action(no)));
        Assert.All(new[] { 11, 14, 15, 16, 17, 18, 19, 20, 21 }, no => Assert.Equal("开展重大事故隐患动态清零行动", Action(no)));
        Assert.All(Enumerable.Range(22, 8), no => Assert.Equal("开展安全科技支撑和工程治理行动", Action(no)));
        Assert.All(Enumerable.Range(30, 5), no => Assert.Equal("开展生产经营单位从业人员安全素质能力提升行动", Action(no)));
        Assert.Equal("开展生产经营单位安全管理体系建设行动", Action(35));
        Assert.All(Enumerable.Range(36, 5), no => Assert.Equal("开展安全生产精准执法和帮扶行动", Action(no)));
        Assert.All(new[] { 41, 42, 43 }, no => Assert.Equal("开展全民安全素质提升行动", Action(no)));
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
