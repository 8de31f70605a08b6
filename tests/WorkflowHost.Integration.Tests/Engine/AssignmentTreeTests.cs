using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Views;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Lead departments confirm their co-units' shares, and a city hands its share down to its 县区: on the real engine,
/// the real 2024 plan, the virtual clock, SQLite and PostgreSQL.
/// </summary>
public sealed class AssignmentTreeTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    // Task 36 (due 2024-03-31): 省安委会办公室牵头, the 负有安全监管职责的部门 分工负责, and the regions by task 5's rule.
    private const int LeadTask = 36;
    private const string Lead = "省安委会办公室";

    [Fact]
    public Task On_SQLite_a_lead_confirms_its_co_units_then_applies_and_the_working_group_closes_the_tree() => LeadLifecycleAsync(null);

    [Fact]
    public async Task On_PostgreSQL_a_lead_confirms_its_co_units_then_applies_and_the_working_group_closes_the_tree()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await LeadLifecycleAsync(database.EngineSettings());
    }

    private async Task LeadLifecycleAsync(IDictionary<string, string?>? settings)
    {
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 26, 10), settings: settings);
        var lead = await engine.AssignmentAsync(LeadTask, Lead);
        var children = await ChildrenAsync(engine, lead.Id);
        var region = await engine.AssignmentAsync(LeadTask, "兰州市");

        Assert.True(children.Count >= 10, $"{children.Count} co-units");
        Assert.DoesNotContain(children, c => c.Unit == Lead || c.Unit == "兰州市");
        Assert.Null((await engine.ReloadAsync(region.Id)).ParentId);
        // Task 7 has four leads (分别牵头): the shipped plan.json's leadOf says who reports to whom; the rest go to the working group.
        var health = await engine.AssignmentAsync(7, "省卫生健康委");
        Assert.Equal(health.Id, (await engine.ReloadAsync((await engine.AssignmentAsync(7, "省消防救援总队")).Id)).ParentId);
        Assert.Null((await engine.ReloadAsync((await engine.AssignmentAsync(7, "省公安厅")).Id)).ParentId);

        // A co-unit applies; its lead confirms it (not only the working group may).
        var first = children[0];
        Assert.True((await engine.Mediator.Send(new ApplyForCompletion(first.Id, first.Clerk, "已完成"))).Succeeded);
        var confirmed = await engine.Mediator.Send(new ApproveCompletion(first.Id, lead.Clerk));
        Assert.Equal("closed", confirmed.NewState);

        // Another co-unit cannot decide its sibling, nor its own share.
        var second = children[1];
        Assert.True((await engine.Mediator.Send(new ApplyForCompletion(second.Id, second.Clerk, "已完成"))).Succeeded);
        var sibling = await engine.Mediator.Send(new ApproveCompletion(second.Id, children[2].Clerk));
        Assert.Equal(RefusalKind.Forbidden, sibling.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await engine.Mediator.Send(new ApproveCompletion(second.Id, second.Clerk))).Kind);

        // The lead returns the second with a reason; the co-unit is back at work and told why.
        var returned = await engine.Mediator.Send(new RejectCompletion(second.Id, lead.Clerk, "佐证材料不全"));
        Assert.Equal("in-progress", returned.NewState);
        await using (var db = engine.Db())
        {
            var notice = await db.Outbox.SingleAsync(o => o.AssignmentId == second.Id && o.Kind == EngineEvents.Rejected);
            Assert.Equal(second.UnitId, notice.UnitId);
            // The application went to the lead (its reviewer), not to the working group.
            Assert.All(await db.Outbox.Where(o => o.AssignmentId == second.Id && o.Kind == EngineEvents.Applied).ToListAsync(), o => Assert.Equal(lead.UnitId, o.UnitId));
        }

        // The lead's own application is refused while any share is open, naming the open units.
        var early = await engine.Mediator.Send(new ApplyForCompletion(lead.Id, lead.Clerk, "牵头汇总"));
        Assert.Equal(RefusalKind.Conflict, early.Kind);
        Assert.Contains(second.Unit, early.Refusal);
        Assert.DoesNotContain(first.Unit, early.Refusal);
        Assert.Equal("in-progress", (await engine.ReloadAsync(lead.Id)).State);

        // The working group may decide any share itself.
        foreach (var child in children.Skip(1))
        {
            Assert.True((await engine.Mediator.Send(new ApplyForCompletion(child.Id, child.Clerk, "已完成"))).Succeeded);
            var reviewer = child == children[^1] ? Assigned.WorkingGroup : lead.Clerk;
            Assert.Equal("closed", (await engine.Mediator.Send(new ApproveCompletion(child.Id, reviewer))).NewState);
        }

        Assert.Equal("completion-applied", (await engine.Mediator.Send(new ApplyForCompletion(lead.Id, lead.Clerk, "牵头汇总"))).NewState);
        // The lead's own share is the working group's to close: the lead cannot confirm itself.
        Assert.Equal(RefusalKind.Forbidden, (await engine.Mediator.Send(new ApproveCompletion(lead.Id, lead.Clerk))).Kind);
        Assert.Equal("closed", (await engine.Mediator.Send(new ApproveCompletion(lead.Id, Assigned.WorkingGroup))).NewState);
        await using (var db = engine.Db())
        {
            var tree = children.Select(c => c.Id).Append(lead.Id).ToList();
            Assert.All(await db.Assignments.Where(a => tree.Contains(a.Id)).ToListAsync(), a => Assert.NotNull(a.ClosedAt));
        }
    }

    [Fact]
    public Task On_SQLite_Lanzhou_hands_a_task_down_to_two_counties_and_reviews_them() => HandDownAsync(null);

    [Fact]
    public async Task On_PostgreSQL_Lanzhou_hands_a_task_down_to_two_counties_and_reviews_them()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await HandDownAsync(database.EngineSettings());
    }

    private async Task HandDownAsync(IDictionary<string, string?>? settings)
    {
        // Task 32 (「6月底前完成」: 2024-06-30, a Sunday) falls to 兰州市 by task 5's rule.
        await using var engine = await StartAsync(_data.Path, China(2024, 3, 1, 10), settings: settings);
        var city = await engine.AssignmentAsync(32, "兰州市");
        var (chengguan, qilihe) = (await UnitIdAsync(engine, "城关区"), await UnitIdAsync(engine, "七里河区"));

        var handed = await engine.Mediator.Send(new HandDown(city.Id, city.Clerk, [chengguan, qilihe], null, 5, "请于内部时限前报送"));

        Assert.True(handed.Succeeded, handed.Refusal);
        Assert.Equal(2, handed.Created.Count);
        var county = await engine.ReloadAsync(handed.Created[0]);
        var late = await engine.ReloadAsync(handed.Created[1]);
        // Five working days before 兰州市's own deadline: 06-28 (the last working day on or before 06-30) minus five.
        Assert.Equal(new DateOnly(2024, 6, 21), county.DueDate);
        Assert.Equal((city.Id, chengguan, "handed-down", "in-progress"), (county.ParentId!.Value, county.UnitId, county.Role, county.State));
        Assert.Equal(qilihe, late.UnitId);
        Assert.Contains(EngineEvents.HandedDown, await engine.EventsAsync(city.Id));
        Assert.NotEmpty(await engine.PendingTimersAsync(late.Id));

        // Handing down twice to the same county, or to a unit that is not 兰州市's, is refused; nothing changes.
        var twice = await engine.Mediator.Send(new HandDown(city.Id, city.Clerk, [chengguan], new DateOnly(2024, 6, 1), null, null));
        Assert.Equal(RefusalKind.Conflict, twice.Kind);
        Assert.Contains("城关区", twice.Refusal);
        var stranger = await engine.Mediator.Send(new HandDown(city.Id, city.Clerk, [await UnitIdAsync(engine, "天水市")], new DateOnly(2024, 6, 1), null, null));
        Assert.Equal(RefusalKind.Invalid, stranger.Kind);
        Assert.Contains("天水市不是本单位的下级单位", stranger.Refusal);
        var afterOwn = await engine.Mediator.Send(new HandDown(city.Id, city.Clerk, [await UnitIdAsync(engine, "西固区")], new DateOnly(2024, 7, 1), null, null));
        Assert.Equal(RefusalKind.Invalid, afterOwn.Kind);
        Assert.Contains("晚于本单位的完成时限 2024-06-30", afterOwn.Refusal);
        var noCalendar = await engine.Mediator.Send(new HandDown(city.Id, city.Clerk, [await UnitIdAsync(engine, "西固区")], new DateOnly(2031, 1, 1), null, null));
        Assert.Equal(RefusalKind.Invalid, noCalendar.Kind);
        var notMine = await engine.Mediator.Send(new HandDown(city.Id, (await engine.AssignmentAsync(32, "天水市")).Clerk, [await UnitIdAsync(engine, "西固区")], new DateOnly(2024, 6, 1), null, null));
        Assert.Equal(RefusalKind.Forbidden, notMine.Kind);
        await using (var db = engine.Db())
            Assert.Equal(2, await db.Assignments.CountAsync(a => a.ParentId == city.Id));

        // The county's reminders, overdue and 函告 run towards the internal deadline on the statutory calendar.
        await engine.AdvanceToAsync(China(2024, 6, 24, 9, 1));
        Assert.Equal("overdue", (await engine.ReloadAsync(late.Id)).State);
        var journal = await engine.JournalAsync(late.Id);
        Assert.Equal(China(2024, 6, 22), journal.Single(j => j.Event == EngineEvents.Overdue).At);
        Assert.Equal(China(2024, 6, 24, 9), journal.Single(j => j.Event == EngineEvents.Letter).At);
        Assert.Equal("in-progress", (await engine.ReloadAsync(city.Id)).State);
        // The 督办函 comes from 兰州市, not from the province's office; 兰州市's own light turns red, saying why.
        long letterId;
        await using (var db = engine.Db())
            letterId = await db.Escalations.Where(e => e.AssignmentId == late.Id && e.Step == EngineEvents.Letter).Select(e => e.Id).SingleAsync();
        var options = new DocumentOptions();
        var documents = ActivatorUtilities.CreateInstance<DocumentService>(engine.Services, options);
        // The county's 函告 of the day go out as one letter, gathered when the outbox is next sent.
        await ActivatorUtilities.CreateInstance<LetterBundler>(engine.Services, options, new MailOptions()).BundleAsync(China(2024, 6, 24, 9, 1), default);
        var facts = (await documents.EscalationFactsAsync(letterId))!;
        Assert.Equal("兰州市", facts.ParentUnit);
        // 兰州市 numbers its own letters: the first of its series, apart from the office's.
        Assert.Matches(@"^兰州市督函〔2024〕[12]号$", facts.Number); // two 县区 are late: two letters in 兰州市's series
        Assert.Equal(["城关区", "七里河区"], facts.LateUnits.Select(u => u.Name));
        var letterText = DocxText.Of((await documents.EscalationAsync(letterId))!.Content);
        Assert.Contains("书面报送兰州市", letterText);
        Assert.DoesNotContain("甘肃省安全生产委员会办公室", letterText);
        var queries = new AssignmentQueries(engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), engine.Services.GetRequiredService<WorkflowRuntime>());
        var cityNow = (await queries.GetAsync(city.Id))!.Summary;
        Assert.Equal((TrafficLight.Red, "下级单位 七里河区 已逾期"), (cityNow.ShownLight, cityNow.ShownReason));
        Assert.NotEqual(TrafficLight.Red, cityNow.Light);

        // 兰州市 reviews its counties: a child's extension stays within 兰州市's own deadline.
        var countyClerk = new Actor("城关区联络员", ActorRole.UnitClerk, chengguan);
        var tooLate = await engine.Mediator.Send(new RequestExtension(late.Id, new Actor("七里河区联络员", ActorRole.UnitClerk, qilihe), new DateOnly(2024, 7, 15), "汛期"));
        Assert.Contains("晚于兰州市本任务的完成时限 2024-06-30", tooLate.Refusal);
        Assert.True((await engine.Mediator.Send(new ApplyForCompletion(county.Id, countyClerk, "已完成"))).Succeeded);
        Assert.Equal(RefusalKind.Forbidden, (await engine.Mediator.Send(new ApproveCompletion(county.Id, countyClerk))).Kind);
        Assert.Equal("closed", (await engine.Mediator.Send(new ApproveCompletion(county.Id, city.Clerk))).NewState);
        var refused = await engine.Mediator.Send(new ApplyForCompletion(city.Id, city.Clerk, "汇总"));
        Assert.Contains("七里河区", refused.Refusal);
        Assert.DoesNotContain("城关区", refused.Refusal);

        // 兰州市 presses the late county (催办): a mail at once, in 兰州市's name; once a day; not by a sibling; not a closed share.
        Assert.Equal(RefusalKind.Forbidden, (await engine.Mediator.Send(new Urge(late.Id, countyClerk, null))).Kind);
        Assert.True((await engine.Mediator.Send(new Urge(late.Id, city.Clerk, "请于本周内报送"))).Succeeded);
        var again = await engine.Mediator.Send(new Urge(late.Id, city.Clerk, null));
        Assert.Contains("今天已催办过", again.Refusal);
        Assert.Contains("已销号", (await engine.Mediator.Send(new Urge(county.Id, city.Clerk, null))).Refusal);
        OutboxRow urged;
        await using (var db = engine.Db())
            urged = await db.Outbox.SingleAsync(o => o.AssignmentId == late.Id && o.Kind == OutboxKinds.Urged);
        var composer = ActivatorUtilities.CreateInstance<MessageComposer>(engine.Services, documents, options, new MailOptions());
        var mail = await composer.ComposeAsync(urged);
        Assert.Equal("lz-qilihe@gansu.example", mail.To.Mailboxes.Single().Address);
        Assert.Contains("【催办】第32项任务", mail.Subject);
        Assert.Contains("已逾期", mail.Subject);
        Assert.Contains("请于本周内报送", mail.TextBody);
        Assert.Contains("兰州市", mail.TextBody);
        Assert.Contains(EngineEvents.Urged, await engine.EventsAsync(late.Id));
    }


    private static async Task<long> UnitIdAsync(EngineHarness engine, string name)
    {
        await using var db = engine.Db();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    private static async Task<List<Assigned>> ChildrenAsync(EngineHarness engine, long parentId)
    {
        await using var db = engine.Db();
        return await (from a in db.Assignments
                      join u in db.Units on a.UnitId equals u.Id
                      where a.ParentId == parentId
                      orderby u.Id
                      select new Assigned(a.Id, a.UnitId, u.Name)).ToListAsync();
    }
}
