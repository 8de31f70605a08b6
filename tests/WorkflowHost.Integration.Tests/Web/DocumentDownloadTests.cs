using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>The generated documents through the API: an escalation's 督办函 for its own unit and the working group,
/// refused to another unit and to nobody; the briefing for the working group only.</summary>
[Collection(WebHostCollection.Name)]
public sealed class DocumentDownloadTests(WebHostFixture host)
{
    private const string UnitA = "省应急厅";

    private async Task<WorkflowDbContext> Db() =>
        await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    /// <summary>A 通报 issued on one of unit A's assignments (as the engine records one when approval is off). A 函告
    /// would reach the unit only in its letter of the day, once the dispatcher has gathered it.</summary>
    private async Task<(long Escalation, int TaskNo)> CircularForUnitAAsync()
    {
        await using var db = await Db();
        var assignment = await (from a in db.Assignments
                                join u in db.Units on a.UnitId equals u.Id
                                join t in db.PlanTasks on a.TaskId equals t.Id
                                where u.Name == UnitA && t.DueDate != null
                                orderby t.No
                                select new { a.Id, t.No }).FirstAsync();
        var row = new EscalationRow { AssignmentId = assignment.Id, Step = "circular", RaisedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Status = "issued" };
        db.Escalations.Add(row);
        await db.SaveChangesAsync();
        return (row.Id, assignment.No);
    }

    [Fact]
    public async Task An_escalation_document_is_a_docx_for_its_unit_and_the_working_group_only()
    {
        var (escalation, taskNo) = await CircularForUnitAAsync();
        var url = $"/api/escalations/{escalation}/document";

        var own = await (await host.SignedInAsync(WebHostFixture.ClerkOf(UnitA))).GetAsync(url);
        var group = await (await host.SignedInAsync("zhuanban")).GetAsync(url);
        var other = await (await host.SignedInAsync(WebHostFixture.ClerkOf("省公安厅"))).GetAsync(url);
        var anonymous = await host.Anonymous().GetAsync(url);
        var missing = await (await host.SignedInAsync("zhuanban")).GetAsync("/api/escalations/987654/document");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await own.Content.ReadAsByteArrayAsync()), false);
        var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains($"第{taskNo}项", text);
        Assert.Contains("逾期未完成情况的通报", text);
        Assert.Matches(@"甘安委办通报〔\d{4}〕\d+号", text);
        await using var db = await Db();
        Assert.True(await db.Audit.AnyAsync(a => a.Target == $"escalation:{escalation}" && a.Outcome == "refused" && a.User == WebHostFixture.ClerkOf("省公安厅")));
    }

    [Fact]
    public async Task A_briefing_is_for_the_working_group_and_a_bad_month_is_refused()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf(UnitA));
        var group = await host.SignedInAsync("zhuanban");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/briefings/2024-03/document")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await group.GetAsync("/api/briefings/2024-13/document")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await group.GetAsync("/api/briefings/2023-01/document")).StatusCode);
    }
}
