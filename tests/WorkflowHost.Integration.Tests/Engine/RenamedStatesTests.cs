using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Views;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// "Definitions are data": the shipped definitions with every state renamed run the dated and the ongoing lifecycles,
/// the working group's digest, a 通报 and the board exactly as before, because the product asks a state's role
/// (declared in the definition) and never its name.
/// </summary>
public sealed class RenamedStatesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["in-progress"] = "tuijin",
        ["overdue"] = "yuqi",
        ["completion-applied"] = "shenqing-banjie",
        ["extension-requested"] = "shenqing-yanqi",
        ["closed"] = "xiaohao",
        ["active"] = "chixu",
    };

    private readonly TempFolder _data = new();
    private IMediator Mediator => _engine.Services.GetRequiredService<IMediator>();
    private readonly TempFolder _workflows = new();
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "workflows"), "*.json"))
            File.WriteAllText(Path.Combine(_workflows.Path, Path.GetFileName(file)), RenameStates(File.ReadAllText(file)));
        _engine = await StartWithMailAsync(_data.Path, new Dictionary<string, string?> { ["WorkflowHost:Workflows"] = _workflows.Path });
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _data.Dispose();
        _workflows.Dispose();
    }

    [Fact]
    public async Task A_dated_task_runs_its_whole_course_on_renamed_states()
    {
        var task3 = await AssignmentAsync(3, "省安委会办公室");
        await _engine.AdvanceToAsync(China(2024, 4, 1, 10));

        Assert.Equal("yuqi", (await ReloadAsync(task3.Id)).State);
        Assert.Equal(["started", "reminder", "reminder", "overdue", "letter", "circular"], (await EventsAsync(task3.Id)).Where(e => !e.StartsWith("report-")));

        var applied = await Mediator.Send(new ApplyForCompletion(task3.Id, task3.Clerk, "已完成"));
        Assert.Equal("shenqing-banjie", applied.NewState);
        var waitingReport = await Mediator.Send(new SubmitReport(task3.Id, task3.Clerk, "进展"));
        Assert.True(waitingReport.Succeeded, waitingReport.Refusal);

        // The board: the overdue list and count, the review queue, the next step; as the working group sees it.
        var contexts = _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var runtime = _engine.Services.GetRequiredService<WorkflowRuntime>();
        var assignments = new AssignmentQueries(contexts, runtime);
        // Filtered to task 3: its overdue shares fit on the first page of the (paged) overdue list.
        var board = await new WorkflowHost.Web.Views.DashboardQueries(assignments, new FilteredBoardQueries(contexts, runtime.Definitions), runtime, contexts).GetAsync(new AssignmentFilter(TaskNo: 3));
        Assert.Contains(board.AwaitingReview, a => a.Id == task3.Id);
        Assert.Contains(board.Overdue, a => a.Id == task3.Id);
        Assert.Equal(board.Overdue.Count, board.OverdueCount);
        var summary = (await assignments.SummariesAsync([task3.Id])).Single();
        Assert.Equal("等待专班审核办结申请", summary.NextStep);
        Assert.Equal("申请办结", summary.StateTitle);

        // The working group's digest names the application to decide.
        await _engine.Digests.RunAsync();
        await using (var db = _engine.Db())
        {
            var digests = await db.Outbox.Where(o => o.Kind == OutboxKinds.Digest && o.UnitId == null).Select(o => o.Payload).ToListAsync();
            Assert.Contains(digests, p => p != null && p.Contains($"\"assignmentId\":{task3.Id}") && p.Contains($"\"kind\":\"{EngineEvents.Applied}\""));
        }

        // The circular is a document that names the late unit.
        long circular;
        await using (var db = _engine.Db())
            circular = await db.Escalations.Where(e => e.AssignmentId == task3.Id && e.Step == EngineEvents.Circular).Select(e => e.Id).SingleAsync();
        Assert.NotNull(await _engine.Documents.EscalationAsync(circular));

        var rejected = await Mediator.Send(new RejectCompletion(task3.Id, Assigned.WorkingGroup, "佐证不足"));
        Assert.Equal("yuqi", rejected.NewState);
        Assert.True((await Mediator.Send(new ApplyForCompletion(task3.Id, task3.Clerk, "补充佐证"))).Succeeded);
        var closed = await Mediator.Send(new ApproveCompletion(task3.Id, Assigned.WorkingGroup));
        Assert.Equal("xiaohao", closed.NewState);
        var afterClose = await Mediator.Send(new SubmitReport(task3.Id, task3.Clerk, "还有进展"));
        Assert.False(afterClose.Succeeded);
    }

    [Fact]
    public async Task An_extension_request_holds_reports_on_renamed_states()
    {
        var task = await AssignmentAsync(3, "省安委会办公室");
        var asked = await Mediator.Send(new RequestExtension(task.Id, task.Clerk, new DateOnly(2024, 4, 15), "需协调"));
        Assert.Equal("shenqing-yanqi", asked.NewState);

        var report = await Mediator.Send(new SubmitReport(task.Id, task.Clerk, "进展"));

        Assert.False(report.Succeeded);
        Assert.Contains("已有延期申请待审核", report.Refusal);
        Assert.Equal("tuijin", (await Mediator.Send(new ApproveExtension(task.Id, Assigned.WorkingGroup))).NewState);
    }

    [Fact]
    public async Task An_ongoing_task_reports_and_counts_missed_reports_on_renamed_states()
    {
        long ongoing;
        await using (var db = _engine.Db())
            ongoing = await db.Assignments.Where(a => a.DueDate == null).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        await _engine.AdvanceToAsync(China(2024, 5, 6, 10));

        var row = await ReloadAsync(ongoing);
        Assert.Equal("chixu", row.State);
        Assert.True(row.MissedReports > 0);
    }

    /// <summary>The definition with every state name replaced where a state is named (and nowhere else: "overdue" is
    /// also a trigger and a deadline section).</summary>
    private static string RenameStates(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        string Rename(string name) => Renamed.GetValueOrDefault(name, name);
        root["initialState"] = Rename(root["initialState"]!.GetValue<string>());
        foreach (var state in root["states"]!.AsArray()) state!["name"] = Rename(state["name"]!.GetValue<string>());
        foreach (var transition in root["transitions"]?.AsArray() ?? [])
        {
            transition!["to"] = Rename(transition["to"]!.GetValue<string>());
            if (transition["toWhenPastDue"] is { } pastDue) transition["toWhenPastDue"] = Rename(pastDue.GetValue<string>());
            transition["from"] = new JsonArray(transition["from"]!.AsArray().Select(f => (JsonNode)Rename(f!.GetValue<string>())).ToArray());
        }
        var renamed = root.ToJsonString();
        Assert.DoesNotContain("\"in-progress\"", renamed);
        return renamed;
    }

    private async Task<Assigned> AssignmentAsync(int taskNo, string unit)
    {
        await using var db = _engine.Db();
        return await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where t.No == taskNo && u.Name == unit
            select new Assigned(a.Id, a.UnitId, u.Name)).SingleAsync();
    }

    private async Task<AssignmentRow> ReloadAsync(long id)
    {
        await using var db = _engine.Db();
        return await db.Assignments.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private async Task<List<string>> EventsAsync(long id)
    {
        await using var db = _engine.Db();
        return await db.Journal.Where(j => j.AssignmentId == id).OrderBy(j => j.At).ThenBy(j => j.Id).Select(j => j.Event).ToListAsync();
    }
}
