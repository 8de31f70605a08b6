using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>Issue 14 parts 7 and 8: the working group's digest says what date an extension asks for, against which
/// deadline, and why; and the instant it stands at.</summary>
public sealed class ExtensionDigestTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_working_groups_digest_names_the_date_asked_the_current_deadline_and_the_reason()
    {
        await using var engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 6, 10));
        long id, unitId;
        await using (var db = engine.Db())
        {
            // A region's share of task 32 (6月底前): it reports to the working group, not to a lead.
            var share = await (from a in db.Assignments
                               join t in db.PlanTasks on a.TaskId equals t.Id
                               join u in db.Units on a.UnitId equals u.Id
                               where t.No == 32 && u.Name == "天水市"
                               select new { a.Id, a.UnitId }).SingleAsync();
            (id, unitId) = (share.Id, share.UnitId);
        }
        var mediator = engine.Services.GetRequiredService<IMediator>();
        var asked = await mediator.Send(new RequestExtension(id, new Actor("天水市负责人", ActorRole.UnitLeader, unitId), new DateOnly(2024, 9, 30), "汛期施工受阻"));
        Assert.True(asked.Succeeded, asked.Refusal);

        await engine.AdvanceToAsync(EngineHarness.China(2024, 3, 7, 10));
        await engine.Digests.RunAsync();
        OutboxRow digest;
        await using (var db = engine.Db())
            digest = await db.Outbox.SingleAsync(o => o.Key == "digest:wg:2024-03-07");
        var mail = await engine.Services.GetRequiredService<MessageComposer>().ComposeAsync(digest);

        Assert.Contains("第32项 天水市：申请延期至2024年9月30日（现时限2024年6月30日），理由：汛期施工受阻", mail.TextBody);
        // Issue 14 part 8: dated at the instant it was composed (10:00 here, not 9:00), counting tasks and units by name.
        Assert.Contains("截至2024年3月7日10时00分", mail.TextBody);
        Assert.Matches("逾期未办结任务[0-9]+项（[0-9]+个单位），待审核申请[0-9]+件", mail.Subject);
    }
}
