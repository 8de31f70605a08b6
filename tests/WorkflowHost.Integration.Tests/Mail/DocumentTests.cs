using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>The official documents, opened with the OpenXml SDK as Word would: the task number, its content, the
/// unit and the dates must be in them. Task 1 (due 2024-02-29) is left undone by everyone until 10 April 2024, so
/// its letters, circulars and summons have all been raised.</summary>
public sealed class DocumentTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 4, 10, 10));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _temp.Dispose();
    }

    private static string TextOf(GeneratedDocument document) => DocxText.Of(document.Content);

    private async Task<(long Id, string Unit, string FullName)> EscalationAsync(int taskNo, string step, bool exceptOffice = false)
    {
        await using var db = _engine.Db();
        var row = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where t.No == taskNo && e.Step == step && (!exceptOffice || u.Kind != "office")
            orderby e.Id
            select new { e.Id, u.Name, u.FullName }).FirstAsync();
        return (row.Id, row.Name, row.FullName ?? row.Name);
    }

    [Fact]
    public async Task A_督办函_names_the_task_its_content_the_unit_and_the_dates()
    {
        // The office the working group sits in gets no letter from itself: take the first other unit.
        var (id, _, fullName) = await EscalationAsync(1, "letter", exceptOffice: true);
        // Before its unit's letters of the day are gathered it is the working group's preview, unnumbered.
        Assert.Contains("送审稿", TextOf((await _engine.Documents.EscalationAsync(id))!));
        await _engine.BundleLettersAsync();
        var document = await _engine.Documents.EscalationAsync(id);
        var text = TextOf(document!);
        Assert.Contains("甘肃省安全生产委员会办公室", text);
        Assert.Matches(@"甘安委办督函〔2024〕\d+号", text);
        Assert.DoesNotContain("送审稿", text);
        Assert.Matches(@"关于督促办理第1(、\d+)*项重点工作任务的函", text);
        Assert.Contains(fullName + "\uFF1A", text);
        Assert.Contains("和31个子方案", text);
        Assert.Contains("2024年2月29日", text);
        Assert.Contains("已逾期1天", text);
        Assert.EndsWith("2024年3月1日印发", text); // the 版记 closes it, dated like the 成文日期
        Assert.EndsWith(".docx", document!.FileName);
    }

    [Fact]
    public async Task An_approved_通报_names_every_unit_late_on_the_task_and_is_dated_on_approval()
    {
        var (id, unit, _) = await EscalationAsync(1, "circular");
        var draft = TextOf((await _engine.Documents.EscalationAsync(id))!);
        Assert.Contains("(送审稿)".Replace('(', '\uFF08').Replace(')', '\uFF09'), draft);

        var mediator = _engine.Services.GetRequiredService<IMediator>();
        var result = await mediator.Send(new ApproveEscalation(id, new Actor("专班王某", ActorRole.WorkingGroup)));
        Assert.True(result.Succeeded, result.Refusal);
        var text = TextOf((await _engine.Documents.EscalationAsync(id))!);
        Assert.Contains("关于第1项重点工作任务逾期未完成情况的通报", text);
        Assert.DoesNotContain("送审稿", text);
        Assert.Contains("省安委会各成员单位", text);
        Assert.Contains(unit, text);
        await using var db = _engine.Db();
        var late = await (
            from a in db.Assignments
            join t in db.PlanTasks on a.TaskId equals t.Id
            join u in db.Units on a.UnitId equals u.Id
            where t.No == 1 && a.PastDue
            select u.Name).ToListAsync();
        Assert.True(late.Count > 1);
        Assert.All(late, name => Assert.Contains(name, text));
        Assert.Contains($"以下{late.Count}个单位仍未办结", text);
        Assert.EndsWith("2024年4月10日印发", text); // the 版记 closes it, dated like the 成文日期
    }

    [Fact]
    public async Task A_约谈通知_sets_the_meeting_three_working_days_after_its_date()
    {
        var (id, unit, _) = await EscalationAsync(1, "summons");
        var mediator = _engine.Services.GetRequiredService<IMediator>();
        Assert.True((await mediator.Send(new ApproveEscalation(id, new Actor("专班王某", ActorRole.WorkingGroup)))).Succeeded);
        var text = TextOf((await _engine.Documents.EscalationAsync(id))!);
        // One 约谈通知 for every unit of the task's proposal: addressed to each, listing each.
        await using (var db = _engine.Db())
        {
            var proposal = await db.Escalations.Where(e => e.Id == id).Select(e => e.ProposalId).SingleAsync();
            var summoned = await (from e in db.Escalations join a in db.Assignments on e.AssignmentId equals a.Id join u in db.Units on a.UnitId equals u.Id
                                  where e.ProposalId == proposal select u.Name).ToListAsync();
            Assert.True(summoned.Count > 1, "task 1's 约谈 names one unit only");
            Assert.Contains("关于约谈第1项重点工作任务逾期未完成单位主要负责同志的通知", text);
            Assert.Contains($"以下{summoned.Count}个单位仍未办结", text);
            Assert.Contains("各有关单位：", text);
            Assert.All(summoned, name => Assert.Contains(name, text));
            Assert.Contains("约谈上述单位主要负责同志", text);
        }
        Assert.Contains(unit, text);
        Assert.Contains("和31个子方案", text);
        // 10 April 2024 is a Wednesday: three working days later is Monday 15 April.
        Assert.Contains("定于2024年4月15日约谈", text);
    }

    [Fact]
    public async Task No_document_for_an_escalation_or_a_briefing_that_does_not_exist()
    {
        Assert.Null(await _engine.Documents.EscalationAsync(987654));
        Assert.Null(await _engine.Documents.BriefingAsync("2030-01"));
        await Assert.ThrowsAsync<ArgumentException>(() => _engine.Documents.BriefingAsync("2024-3"));
    }

    [Fact]
    public async Task The_engines_own_March_briefing_renders()
    {
        // A draft until issued; the first issued (February's is not yet) is 第1期.
        Assert.Contains("送审稿", TextOf((await _engine.Documents.BriefingAsync("2024-03"))!));
        Assert.Equal("2024年第1期", await _engine.Documents.IssueBriefingAsync("2024-03"));
        var text = TextOf((await _engine.Documents.BriefingAsync("2024-03"))!);
        Assert.Contains("2024年第1期", text);
        Assert.Contains("承办任务中已办结销号", text);
    }

    [Fact]
    public async Task Without_an_SMTP_host_mail_lands_in_the_pickup_folder_the_briefing_with_its_简报()
    {
        await _engine.Digests.RunAsync();
        var outcome = await _engine.Dispatcher.RunAsync();
        Assert.True(outcome.Sent > 0);
        Assert.Equal(0, outcome.Failed + outcome.Retrying);
        var files = Directory.GetFiles(Path.Combine(_engine.DataFolder, "mail-pickup"), "*.eml");
        Assert.Equal(outcome.Sent, files.Length);
        var briefings = files.Select(f => MimeKit.MimeMessage.Load(f)).Where(m => (m.Subject ?? "").StartsWith("【工作简报】", StringComparison.Ordinal)).ToList();
        var march = Assert.Single(briefings, m => m.Subject!.Contains("2024年3月份工作简报"));
        Assert.Equal("zhuanban@gansu.example", march.To.Mailboxes.Single().Address);
        Assert.Equal("2024-03-简报.docx", Assert.Single(march.Attachments).ContentDisposition?.FileName);
    }

    [Fact]
    public async Task The_简报_renders_an_assembled_briefing()
    {
        var briefing = new Briefing("2023-12", "2023年12月份安全生产治本攻坚三年行动工作简况", EngineHarness.China(2024, 4, 1, 9),
            new BriefingTotals(1234, 40, 12, 310, 900, 850),
            [
                new BriefingSection("安全生产责任落实行动",
                    [new BriefingTaskLine(7, "组织全省矿山企业主要负责人……集中培训。", 3, [new BriefingExcerpt("省应急厅", "举办矿山企业主要负责人培训班2期,培训320人。")])],
                    new Dictionary<string, decimal> { ["培训人数"] = 320, ["排查隐患"] = 57 }),
            ],
            [new BriefingLapse(12, "天水市"), new BriefingLapse(12, "平凉市"), new BriefingLapse(5, "天水市")],
            [new BriefingEscalation(1, "省委宣传部", "circular", "issued"), new BriefingEscalation(3, "省公安厅", "circular", "awaiting-approval")]);
        await using (var db = _engine.Db())
        {
            db.Briefings.Add(new BriefingRow { Month = "2023-12", AssembledAt = EngineHarness.China(2024, 1, 10, 9).ToUnixTimeMilliseconds(), Content = JsonSerializer.Serialize(briefing) });
            await db.SaveChangesAsync();
        }
        await _engine.Documents.IssueBriefingAsync("2023-12");
        var document = await _engine.Documents.BriefingAsync("2023-12");
        var text = TextOf(document!);
        Assert.Equal("2023-12-简报.docx", document!.FileName);
        Assert.Contains("安全生产治本攻坚三年行动工作简报", text);
        // Issued now (the engine's clock is in April 2024): the first of 2024's series.
        Assert.Contains("2024年第1期", text);
        Assert.Contains("2023年12月份安全生产治本攻坚三年行动工作简况", text);
        Assert.Contains("1234项承办任务中已办结销号40项", text);
        Assert.Contains("一、安全生产责任落实行动", text);
        Assert.Contains("培训人数320", text);
        Assert.Contains("第7项", text);
        Assert.Contains("省应急厅", text);
        Assert.Contains("实收850份，报送率94.4%", text);
        // Counts, not lists: who did not report, and what went out — the units of an issued 通报 named, a draft never.
        Assert.Contains("本月共有2个单位3份进展未按时报送，涉及2项任务；未报较多的是第12项（2个单位）、第5项（1个单位）", text);
        Assert.DoesNotContain("平凉市", text);
        Assert.Contains("第1项任务通报：省委宣传部。", text);
        Assert.DoesNotContain("省公安厅", text);
        Assert.Contains("报送：省安委会各成员单位", text);
        Assert.EndsWith("2024年4月1日印发", text); // the 版记 closes it, dated like the 成文日期
    }
}
