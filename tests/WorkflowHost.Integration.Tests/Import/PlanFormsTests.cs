using System.Text.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>
/// Issue 16 from the command line, as a clerk runs it: lists of other offices (text, Word table, Word paragraphs with
/// Word's own numbering) validate and import against their directory; one run of <c>plan validate</c> names every unknown
/// unit with suggestions; milestones show in <c>deadline --json</c> and <c>plan show --json</c>.
/// </summary>
public sealed class PlanFormsTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private static readonly string[] Header = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"];

    private string ListFolder(string planJson)
    {
        var folder = _data.File("list");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "plan.json"), planJson);
        return folder;
    }

    private static string PlanJson(string source, string extra = "") => $$"""
        { "year": 2025, "title": "2025年全市安全生产重点任务清单", "issuer": "张掖市安全生产委员会", "issuedOn": "2025-03-10",
          "source": "{{source}}" {{extra}} }
        """;

    [Theory]
    [InlineData("city-2025", 8)]
    [InlineData("county-2025", 5)]
    [InlineData("district-2025", 5)]
    public async Task The_fixture_lists_validate_against_their_directory(string folder, int tasks)
    {
        var result = await ProductProcess.RunAsync(_data.Path, FixtureSeed.Create(_data), "plan", "validate", Path.Combine(FixtureSeed.Lists, folder));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"{tasks}个任务", result.Stdout);
    }

    [Fact]
    public async Task A_word_table_list_imports_with_its_sections_milestones_and_leads()
    {
        var folder = ListFolder(PlanJson("清单.docx", """, "defaultDeadline": "6月底和年底前" """));
        PlanDocxFiles.WriteTable(Path.Combine(folder, "清单.docx"), "2025年全市安全生产重点任务清单",
        [
            Header,
            ["一、压紧压实安全责任"],
            ["1", "召开全市安全生产工作会议", "市安委办", "", "3月底前"],
            ["2", "修订市安委会成员单位安全生产工作职责清单", "市应急局", "市公安局、市住建局", "6月30日和12月20日"],
            ["二、深化隐患排查整治"],
            ["3", "开展城镇燃气安全专项整治", "市住建局", "市市场监管局、各县区", ""],
            ["4", "开展道路运输安全专项整治", "市交通运输局", "市公安局", "每季度报送一次"],
        ]);
        var environment = FixtureSeed.Create(_data);

        var shown = await ProductProcess.RunAsync(_data.Path, environment, "plan", "show", folder, "--json");
        var imported = await ProductProcess.RunAsync(_data.Path, environment, "plan", "import", folder);

        Assert.True(shown.ExitCode == 0, shown.Stderr);
        var tasks = JsonDocument.Parse(shown.Stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4], tasks.Select(t => t.GetProperty("no").GetInt32()));
        Assert.Equal(["压紧压实安全责任", "压紧压实安全责任", "深化隐患排查整治", "深化隐患排查整治"], tasks.Select(t => t.GetProperty("action").GetString()));
        Assert.Equal(["2025-06-30", "2025-12-20"], Strings(tasks[1].GetProperty("deadline").GetProperty("milestones")));
        Assert.Equal("2025-12-20", tasks[1].GetProperty("deadline").GetProperty("date").GetString());
        Assert.Equal(["2025-06-30", "2025-12-31"], Strings(tasks[2].GetProperty("deadline").GetProperty("milestones"))); // the default
        Assert.Equal(["市应急局"], Strings(tasks[1].GetProperty("responsibility").GetProperty("leads")));
        Assert.Equal(["市应急局", "市公安局", "市住建局"], Strings(tasks[1].GetProperty("responsibility").GetProperty("units")));
        Assert.Equal(["各县区"], Strings(tasks[2].GetProperty("responsibility").GetProperty("groups")));

        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var db = new SqliteFile(_data.Path);
        Assert.Equal(4, db.Count("select count(*) from plan_tasks t join plans p on p.id = t.plan_id where p.year = 2025"));
        // 1 + 3 + (2 units + 6 counties of 各县区) + 2
        Assert.Equal(14, db.Count("select count(*) from assignments"));
    }

    [Fact]
    public async Task A_word_list_numbered_by_word_reads_its_numbers_and_chapters()
    {
        var folder = ListFolder(PlanJson("要点.docx"));
        PlanDocxFiles.WriteNumbered(Path.Combine(folder, "要点.docx"),
        [
            "2025年全市安全生产工作要点",
            "#1 压紧压实安全责任",
            "#2 召开全市安全生产工作会议(市安委办;3月底前)",
            "#2 修订安全生产工作职责清单(市应急局牵头,市公安局配合;6月底前)",
            "#1 深化隐患排查整治",
            "#2 开展城镇燃气安全专项整治(市住建局;于9月底前完成)",
        ]);

        var result = await ProductProcess.RunAsync(_data.Path, FixtureSeed.Create(_data), "plan", "show", folder, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var tasks = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3], tasks.Select(t => t.GetProperty("no").GetInt32()));
        Assert.Equal("深化隐患排查整治", tasks[2].GetProperty("action").GetString());
        Assert.Equal("2025-09-30", tasks[2].GetProperty("deadline").GetProperty("date").GetString());
    }

    [Fact]
    public async Task Validate_prints_all_five_unknown_names_with_suggestions_in_one_run()
    {
        var folder = ListFolder(PlanJson("清单.docx"));
        PlanDocxFiles.WriteTable(Path.Combine(folder, "清单.docx"), "2025年全市安全生产重点任务清单",
        [
            Header,
            ["1", "召开全市安全生产工作会议", "市安委会办", "", "3月底前"],
            ["2", "修订职责清单", "市应急管理厅", "市公安分局、市住建委", "6月底前"],
            ["3", "开展燃气专项整治", "市市场监督局", "", "尽快"],
        ]);
        var environment = FixtureSeed.Create(_data);

        var text = await ProductProcess.RunAsync(_data.Path, environment, "plan", "validate", folder);
        var json = await ProductProcess.RunAsync(_data.Path, environment, "plan", "validate", folder, "--json");

        Assert.Equal(2, text.ExitCode);
        foreach (var name in new[] { "市安委会办", "市应急管理厅", "市公安分局", "市住建委", "市市场监督局" })
            Assert.Contains($"单位目录中没有「{name}」", text.Stderr);
        Assert.Contains("(是否为:市应急管理局", text.Stderr); // an alias of 市应急局 is a suggestion too
        Assert.Contains("清单.docx:4: 任务3 完成时限: 无法识别完成时限「尽快」", text.Stderr);
        Assert.Contains("完成时限的可用的写法(以2025年为例)", text.Stderr);
        Assert.Contains("共6个问题;没有导入任何内容", text.Stderr);

        Assert.Equal(2, json.ExitCode);
        var problems = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("problems").EnumerateArray().ToArray();
        var unknown = problems.Where(p => p.GetProperty("field").GetString() == "responsibility").ToArray();
        Assert.Equal(5, unknown.Length);
        Assert.All(unknown, p => Assert.NotEmpty(Strings(p.GetProperty("suggestions"))));
        Assert.Equal(["市安委办", "市安委会办公室"], Strings(unknown[0].GetProperty("suggestions")).Take(2));
        Assert.Equal([2, 3, 3, 3, 4], unknown.Select(p => p.GetProperty("line").GetInt32()));
        var deadline = Assert.Single(problems, p => p.GetProperty("field").GetString() == "deadline");
        Assert.Equal((4, 3), (deadline.GetProperty("line").GetInt32(), deadline.GetProperty("task").GetInt32()));
        Assert.Contains("「2月底前完成」(2025-02-28)", deadline.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task Deadline_json_lists_the_milestones_of_a_due_deadline()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "deadline", "6月底和年底前", "--year", "2025", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("2025-12-31", json.GetProperty("date").GetString());
        Assert.Equal(["2025-06-30", "2025-12-31"], Strings(json.GetProperty("milestones")));
    }

    [Fact]
    public async Task A_refused_deadline_lists_the_accepted_forms_for_the_year_given()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "deadline", "尽快", "--year", "2027");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("无法识别完成时限「尽快」", result.Stderr);
        Assert.Contains("「2月底前完成」(2027-02-28)", result.Stderr);
        Assert.Contains("「6月底和年底前」(2027-06-30、2027-12-31)", result.Stderr);
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
