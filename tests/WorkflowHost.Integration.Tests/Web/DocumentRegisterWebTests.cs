using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// 发文登记 for the working group: the page, <c>GET /api/documents</c> and its .xlsx, after two 通报 are approved and a
/// 督办函 is downloaded on 20 March; units are kept out and bad filters are refused naming the field. On a host of its
/// own: the clock moves.
/// </summary>
public sealed class DocumentRegisterWebTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    [Fact]
    public async Task The_working_group_reads_the_register_as_a_page_as_JSON_and_as_a_workbook()
    {
        var admin = await host.SignedInAsync("admin");
        Assert.True((await admin.PostAsync("/api/clock/advance", JsonContent("""{"to":"2024-03-20T09:30:00+08:00"}"""))).IsSuccessStatusCode);
        List<long> drafts;
        long letter, letterAssignment;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            // One escalation of each of two proposals: approving it issues its proposal whole.
            drafts = (await db.Escalations.Where(e => e.Step == "circular" && e.Status == EscalationStatuses.AwaitingApproval).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.ProposalId }).ToListAsync()).GroupBy(e => e.ProposalId).Take(2).Select(g => g.First().Id).ToList();
            var issued = await (from e in db.Escalations join a in db.Assignments on e.AssignmentId equals a.Id join u in db.Units on a.UnitId equals u.Id
                                where e.Step == "letter" && e.Status == EscalationStatuses.Issued && u.Kind != "office"
                                orderby e.Id select e).FirstAsync();
            (letter, letterAssignment) = (issued.Id, issued.AssignmentId);
        }
        var group = await host.SignedInAsync("zhuanban");
        foreach (var id in drafts) Assert.True((await group.PostAsync($"/api/escalations/{id}/approval", null)).IsSuccessStatusCode);
        // The host's dispatcher gathers each unit's 函告 of a day into its letter as it runs; here, now.
        await host.Services.GetRequiredService<LetterBundler>().BundleAsync(host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), default);
        Assert.Equal(HttpStatusCode.OK, (await group.GetAsync($"/api/escalations/{letter}/document")).StatusCode);

        var circulars = JsonDocument.Parse(await group.GetStringAsync("/api/documents?kind=circular&year=2024")).RootElement.EnumerateArray().ToList();
        Assert.Equal(["甘安委办通报〔2024〕1号", "甘安委办通报〔2024〕2号"], circulars.Select(d => d.GetProperty("number").GetString()));
        Assert.All(circulars, d => Assert.Equal(("circular", "zhuanban"), (d.GetProperty("kind").GetString(), d.GetProperty("approvedBy").GetString())));
        // Each names every unit of its proposal.
        Assert.All(circulars, d => Assert.NotEmpty(d.GetProperty("assignmentIds").EnumerateArray()));
        Assert.Contains(circulars, d => d.GetProperty("assignmentIds").GetArrayLength() > 1);
        var letters = JsonDocument.Parse(await group.GetStringAsync("/api/documents?kind=letter")).RootElement.EnumerateArray().ToList();
        Assert.Contains(letters, d => d.GetProperty("assignmentIds").EnumerateArray().Any(a => a.GetInt64() == letterAssignment));
        Assert.Equal(Enumerable.Range(1, letters.Count).Select(n => $"甘安委办督函〔2024〕{n}号"), letters.Select(d => d.GetProperty("number").GetString()));
        Assert.All(letters, d => Assert.Equal(JsonValueKind.Null, d.GetProperty("approvedBy").ValueKind));

        var page = WebUtility.HtmlDecode(await group.GetStringAsync("/board/documents?kind=circular"));
        Assert.Contains("发文登记", page);
        Assert.Contains("甘安委办通报〔2024〕2号", page);
        Assert.Contains("关于第", page);
        Assert.DoesNotContain("督函〔2024〕", page);

        var export = await group.GetAsync("/api/documents/export?year=2024");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal("发文字号", rows[1].Elements<Cell>().First().InnerText);
        var registered = letters.Count + 2;
        Assert.True(rows.Count >= registered + 2, $"{rows.Count} rows for {registered} documents");
        Assert.Contains(rows, r => r.Elements<Cell>().First().InnerText == "甘安委办通报〔2024〕1号");
    }

    [Theory]
    [InlineData("/api/documents?kind=notice", "kind")]
    [InlineData("/api/documents?year=24", "year")]
    [InlineData("/api/documents?year=3024", "year")]
    [InlineData("/api/documents/export?kind=%E9%80%9A%E6%8A%A5", "kind")]
    public async Task A_bad_filter_is_refused_naming_the_field(string url, string field)
    {
        var group = await host.SignedInAsync("zhuanban");
        var response = await group.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task A_unit_reads_no_register()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"));
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/documents/export")).StatusCode);
        var page = await clerk.GetAsync("/board/documents");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
