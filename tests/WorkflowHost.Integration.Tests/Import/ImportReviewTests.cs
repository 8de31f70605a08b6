using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Units;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>The import review without a browser: every problem listed, decisions checked and kept, nothing stored
/// before the import, and the import one transaction with the aliases in the directory file after it.</summary>
public sealed class ImportReviewTests : IAsyncLifetime
{
    /// <summary>Three unknown names (two meant for directory units, one a unit the directory lacks) and a task with
    /// no deadline, in the 「一、…(一)…」 form with labelled lines.</summary>
    public const string List = """
        2025年测试工作任务清单
        一、责任落实
        (一)组织开展企业主要负责人安全培训。
        牵头单位:省应急管理厅
        责任单位:省消防总队
        完成时限:6月底前
        (二)开展重大事故隐患排查整治。
        牵头单位:省应急厅
        (三)开展安全生产月宣传活动。
        牵头单位:省委宣传部
        责任单位:省红十字会
        完成时限:年底前
        """;

    public static ImportFacts Facts { get; } = new(2025, "测试计划", "甘肃省安全生产委员会办公室", new DateOnly(2025, 2, 20), "2025年测试工作任务清单", null);

    private readonly TempFolder _data = new();
    private EngineHarness _engine = null!;
    private ImportReviewer _reviewer = null!;
    private string UnitsFile => _data.File("units.json");

    public async Task InitializeAsync()
    {
        _engine = await EngineHarness.StartAsync(_data.Path, EngineHarness.China(2025, 2, 25, 9));
        File.Copy(Path.Combine(RepoPaths.Root, "seed-data", "units.json"), UnitsFile);
        _reviewer = new ImportReviewer(_engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(),
            _engine.Services.GetRequiredService<WorkflowRuntime>(), new ImportReviewStore(), UnitsFile);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _data.Dispose();
    }

    private ImportReview Start() => _reviewer.Start("清单.txt", Encoding.UTF8.GetBytes(List), Facts);

    private async Task<(int Plans, int Tasks, int Units, int Assignments, int Timers)> CountsAsync()
    {
        await using var db = _engine.Db();
        return (await db.Plans.CountAsync(), await db.PlanTasks.CountAsync(), await db.Units.CountAsync(), await db.Assignments.CountAsync(), await db.Timers.CountAsync());
    }

    [Fact]
    public void Every_problem_of_the_upload_is_listed_beside_its_task()
    {
        var reviewed = _reviewer.Read(Start());

        Assert.False(reviewed.Ready);
        Assert.Equal(["省应急管理厅", "省消防总队", "省红十字会"], reviewed.UnknownNames.Select(u => u.Name));
        Assert.Equal([1, 1, 3], reviewed.UnknownNames.Select(u => u.Tasks.Single()));
        Assert.Contains("省应急厅", reviewed.UnknownNames[0].Suggestions);
        var byTask = reviewed.Tasks.ToDictionary(t => t.No);
        Assert.Equal(2, byTask[1].Problems.Count(p => p.Field == "responsibility"));
        Assert.Contains(byTask[2].Problems, p => p.Field == "deadline");
        Assert.True(byTask[2].NeedsDeadline);
        Assert.Equal(["省应急厅"], byTask[2].Responsibility!.Leads);
        Assert.Contains(byTask[3].Problems, p => p.Message.Contains("省红十字会"));
        Assert.Equal(4, reviewed.Problems.Count);
    }

    [Fact]
    public async Task Refused_decisions_and_an_early_import_change_nothing()
    {
        var before = await CountsAsync();
        var directoryBefore = await File.ReadAllTextAsync(UnitsFile);
        var review = Start();

        Assert.StartsWith("对应单位:单位名录中没有", _reviewer.Map(review, "省消防总队", "省外星局"));
        Assert.StartsWith("名称:不能含控制字符", _reviewer.Map(review, "省消防\n总队", "省消防救援总队"));
        Assert.StartsWith("名称:最多64个字", _reviewer.Map(review, new string('省', 65), "省消防救援总队"));
        Assert.StartsWith("单位类别:", _reviewer.AddUnit(review, "省红十字会", null, "alien", "hsh@gansu.example"));
        Assert.StartsWith("邮箱:", _reviewer.AddUnit(review, "省红十字会", null, "mass-organization", "hsh@gansu.gov.cn"));
        Assert.Equal("邮箱:已是「省应急厅」的地址", _reviewer.AddUnit(review, "省红十字会", null, "mass-organization", "YJT@gansu.example"));
        Assert.StartsWith("单位名称:不能含「、」", _reviewer.AddUnit(review, "省红十字会、省慈善总会", null, "mass-organization", "hsh@gansu.example"));
        Assert.StartsWith("名称:「省应急厅」已是单位名录中", _reviewer.AddUnit(review, "省应急厅", null, "provincial-department", "yjt2@gansu.example"));
        Assert.StartsWith("完成时限:", _reviewer.SetDeadline(review, 2, "过几天吧"));
        Assert.StartsWith("任务序号:", _reviewer.SetDeadline(review, 9, "9月底前"));
        Assert.Empty(review.Aliases);
        Assert.Empty(review.NewUnits);
        Assert.Empty(review.Deadlines);

        var (outcome, problem) = await _reviewer.ImportAsync(review, CancellationToken.None);

        Assert.Null(outcome);
        Assert.Equal("还有4个问题未解决,没有导入任何内容", problem);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(directoryBefore, await File.ReadAllTextAsync(UnitsFile));
    }

    [Fact]
    public async Task Mapped_names_become_aliases_and_the_import_is_one_transaction()
    {
        var before = await CountsAsync();
        var review = Start();

        Assert.Null(_reviewer.Map(review, "省应急管理厅", "省应急厅"));
        Assert.Null(_reviewer.Map(review, "省消防总队", "甘肃省消防救援总队"));
        Assert.Null(_reviewer.AddUnit(review, "省红十字会", "甘肃省红十字会", "mass-organization", "hsh@gansu.example"));
        Assert.Null(_reviewer.SetDeadline(review, 2, "9月底前"));
        var reviewed = _reviewer.Read(review);
        Assert.True(reviewed.Ready, string.Join("\n", reviewed.Problems));
        Assert.Equal(new DateOnly(2025, 9, 30), reviewed.Tasks[1].Deadline!.Date);
        // Decided but not imported: nothing stored yet.
        Assert.Equal(before, await CountsAsync());

        var (outcome, problem) = await _reviewer.ImportAsync(review, CancellationToken.None);

        Assert.Null(problem);
        Assert.True(outcome!.Imported);
        await using (var db = _engine.Db())
        {
            var plan = await db.Plans.SingleAsync(p => p.Year == 2025);
            Assert.Equal(3, await db.PlanTasks.CountAsync(t => t.PlanId == plan.Id));
            var shares = await (from a in db.Assignments join t in db.PlanTasks on a.TaskId equals t.Id join u in db.Units on a.UnitId equals u.Id
                                where t.PlanId == plan.Id select new { t.No, u.Name }).ToListAsync();
            Assert.Equal(outcome.Assignments, shares.Count);
            Assert.Contains(shares, s => s is { No: 1, Name: "省应急厅" });
            Assert.Contains(shares, s => s is { No: 1, Name: "省消防救援总队" });
            Assert.Contains(shares, s => s is { No: 3, Name: "省红十字会" });
            Assert.Equal(before.Units + 1, await db.Units.CountAsync());
        }
        // The aliases live where the directory's aliases live: the CLI reads them from the same file.
        var directory = UnitDirectory.Load(UnitsFile);
        Assert.Equal("省应急厅", directory.Find("省应急管理厅")!.Name);
        Assert.Equal("省消防救援总队", directory.Find("省消防总队")!.Name);
        Assert.Equal(UnitKind.MassOrganization, directory.Find("甘肃省红十字会")!.Kind);
        Assert.Null(_reviewer.Store.Find(review.Id));

        // Another list for the same year is refused, and changes nothing.
        var after = await CountsAsync();
        var again = Start();
        Assert.Null(_reviewer.SetDeadline(again, 2, "9月底前"));
        var (_, refused) = await _reviewer.ImportAsync(again, CancellationToken.None);
        Assert.StartsWith("年度:2025年的计划已经导入", refused);
        Assert.Equal(after, await CountsAsync());
    }
}
