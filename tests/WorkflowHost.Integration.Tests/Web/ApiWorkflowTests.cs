using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>The API doing what the pages do: the working path, bad input refused with a clear problem, the ledger
/// and the calendar feed as files other programs open.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ApiWorkflowTests(WebHostFixture host)
{
    private const string Unit = "省交通运输厅";

    [Fact]
    public async Task Report_apply_reject_and_approve_through_the_API()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var group = await host.SignedInAsync("zhuanban");
        var id = await InProgressAsync(clerk, skip: 0);

        var report = await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "已部署专项检查", figures = new Dictionary<string, decimal> { ["检查企业"] = 120 } });
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WebTestData.ApplyAsync(clerk, id, "已完成", ("总结.pdf", WebTestData.Pdf()))).StatusCode);
        var rejected = await group.PostAsJsonAsync($"/api/assignments/{id}/rejection", new { reason = "佐证材料不全" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("in-progress", (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("assignment").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await WebTestData.ApplyAsync(clerk, id, "已补充", ("补充.pdf", WebTestData.Pdf("more")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await group.PostAsJsonAsync($"/api/assignments/{id}/approval", new { note = "同意销号" })).StatusCode);

        var detail = await WebTestData.AssignmentAsync(clerk, id);
        Assert.Equal("closed", detail.GetProperty("assignment").GetProperty("state").GetString());
        Assert.Equal("closed", detail.GetProperty("assignment").GetProperty("light").GetString());
        var events = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["report-submitted", "applied", "rejected", "applied", "closed"], events.Where(e => e != "started").ToList());
        Assert.Equal(2, detail.GetProperty("files").GetArrayLength());
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("reason").GetString() == "佐证材料不全");
    }

    [Fact]
    public async Task A_second_decision_on_the_same_application_is_a_conflict()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var group = await host.SignedInAsync("zhuanban");
        var id = await InProgressAsync(clerk, skip: 1);
        Assert.Equal(HttpStatusCode.OK, (await WebTestData.ApplyAsync(clerk, id, "完成", ("a.pdf", WebTestData.Pdf()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await group.PostAsJsonAsync($"/api/assignments/{id}/approval", new { })).StatusCode);

        var again = await group.PostAsJsonAsync($"/api/assignments/{id}/rejection", new { reason = "晚了" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("销号", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_problem_that_names_it_and_nothing_is_stored()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var id = await InProgressAsync(clerk, skip: 2);
        var filesBefore = await CountFilesAsync(id);

        var noEvidence = await WebTestData.ApplyAsync(clerk, id, "完成");
        var disguised = await WebTestData.ApplyAsync(clerk, id, "完成", ("报告.pdf", "MZ\x90\0 not a pdf"u8.ToArray()));
        var script = await WebTestData.ApplyAsync(clerk, id, "完成", ("run.sh", "#!/bin/sh\n"u8.ToArray()));
        var emptyReport = await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "  " });
        var earlier = await clerk.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date = "2024-01-01", reason = "x" });

        Assert.Contains("佐证材料", await Detail(noEvidence, HttpStatusCode.BadRequest));
        Assert.Contains("报告.pdf", await Detail(disguised, HttpStatusCode.BadRequest));
        Assert.Contains(".sh", await Detail(script, HttpStatusCode.BadRequest));
        Assert.Contains("报送内容不能为空", await Detail(emptyReport, HttpStatusCode.BadRequest));
        Assert.Contains("须晚于", await Detail(earlier, HttpStatusCode.Conflict));
        Assert.Equal("in-progress", (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("assignment").GetProperty("state").GetString());
        Assert.Equal(filesBefore, await CountFilesAsync(id));
    }

    [Fact]
    public async Task The_ledger_opens_in_the_OpenXml_SDK_with_one_row_per_visible_assignment()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var group = await host.SignedInAsync("zhuanban");

        var unitRows = await LedgerRowsAsync(clerk);
        var allRows = await LedgerRowsAsync(group);

        Assert.Equal(["序号", "任务序号", "工作任务", "责任单位"], unitRows[1].Take(4));
        Assert.Equal((await WebTestData.AssignmentsAsync(clerk)).Count, unitRows.Count - 2);
        Assert.All(unitRows.Skip(2), r => Assert.Equal(Unit, r[3]));
        Assert.Equal((await WebTestData.AssignmentsAsync(group)).Count, allRows.Count - 2);
        Assert.True(allRows.Skip(2).Select(r => r[3]).Distinct().Count() > 10);
    }

    [Fact]
    public async Task The_calendar_feed_needs_the_units_token_and_lists_its_deadlines()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var url = new Uri((await clerk.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("calendarUrl").GetString()!);
        var anonymous = host.Anonymous();

        var feed = await anonymous.GetAsync(url.PathAndQuery);
        var forged = await anonymous.GetAsync(url.PathAndQuery.Replace(url.Segments[^1], "0123456789abcdef0123456789abcdef.ics"));
        var otherUnit = await anonymous.GetAsync(url.PathAndQuery.Replace($"/calendar/{url.Segments[2]}", "/calendar/1/"));

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("【到期】"));
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("【报送】"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherUnit.StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var anonymous = host.Anonymous();
        var user = WebHostFixture.LeaderOf("省水利厅");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/session", new { userName = user, password = "wrong-password" })).StatusCode);

        var right = await anonymous.PostAsJsonAsync("/api/session", new { userName = user, password = WebHostFixture.Password });

        Assert.Contains("锁定", await Detail(right, HttpStatusCode.Unauthorized));
    }

    private static async Task<long> InProgressAsync(HttpClient clerk, int skip) =>
        (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Skip(skip).First().GetProperty("id").GetInt64();

    private static async Task<string> Detail(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    private async Task<int> CountFilesAsync(long id)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.EvidenceFiles.CountAsync(f => f.AssignmentId == id) 
            + (Directory.Exists(Path.Combine(host.DataFolder, "uploads")) ? Directory.GetFiles(Path.Combine(host.DataFolder, "uploads")).Count(f => Path.GetFileName(f).StartsWith($"{id}-")) : 0);
    }

    private static async Task<List<List<string>>> LedgerRowsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/ledger.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single();
        Assert.Equal("台账", sheet.Name?.Value);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();
    }
}
