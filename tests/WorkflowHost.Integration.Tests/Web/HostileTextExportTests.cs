using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using System.Text.Encodings.Web;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Hostile text where the product writes it into files other programs open: a display name in the .xlsx
/// ledger's title (and the page header), a report in the monthly briefing (.docx), a rejection reason in the unit's
/// daily digest mail. Each comes out verbatim, and the file still opens with its table intact.</summary>
[Collection(WebHostCollection.Name)]
public sealed class HostileTextExportTests(WebHostFixture host)
{
    private const string Unit = "酒泉市";
    private static readonly string Text = "\"><img src=x onerror=alert(1)> <script>x</script> '; DROP TABLE reports;-- \u202Eabc\u200B 😀";

    [Fact]
    public async Task A_hostile_display_name_is_verbatim_in_the_ledger_and_encoded_on_the_page()
    {
        var name = "hostile-display-clerk";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            var unitId = await db.Units.Where(u => u.Name == Unit).Select(u => u.Id).SingleAsync();
            var user = new AppUser { UserName = name, DisplayName = Text, UnitId = unitId, LockoutEnabled = true, PasswordChangedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, WebHostFixture.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "unit-clerk")).Succeeded);
        }
        var clerk = await host.SignedInAsync(name);

        var page = await clerk.GetStringAsync("/unit");
        var ledger = await clerk.GetAsync("/api/ledger.xlsx");

        Assert.Contains(host.Services.GetRequiredService<HtmlEncoder>().Encode(Text), page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        var rows = LedgerRows(await ledger.Content.ReadAsByteArrayAsync());
        Assert.Equal($"{Text} 承办任务台账", rows[0][0]);
        Assert.Equal((await WebTestData.AssignmentsAsync(clerk)).Count, rows.Count - 2);
        Assert.All(rows.Skip(2), r => Assert.Equal(Unit, r[3]));
    }

    [Fact]
    public async Task A_hostile_report_is_verbatim_in_the_monthly_briefing()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var group = await host.SignedInAsync("zhuanban");
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).First().GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = Text })).StatusCode);
        var period = (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("reports").EnumerateArray().Last().GetProperty("period").GetString()!;
        var month = PeriodMonths.LastMonthOf(period);

        // What the engine does on the briefing day, done now on this database.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var briefing = await BriefingAssembler.AssembleAsync(db, month, host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            // The 简报 quotes a few notable items per action; other tests of this host report too, so keep this one's.
            briefing = briefing with
            {
                Sections = briefing.Sections.Select(section => section with
                {
                    Tasks = section.Tasks.Select(task => task with { Excerpts = task.Excerpts.Where(e => e.Unit == Unit && e.Text == Text).ToList() })
                        .Where(task => task.Excerpts.Count > 0).ToList(),
                }).Where(section => section.Tasks.Count > 0).ToList(),
            };
            Assert.Single(briefing.Sections);
            db.Briefings.Add(new BriefingRow { Month = month, AssembledAt = 0, Content = JsonSerializer.Serialize(briefing) });
            await db.SaveChangesAsync();
        }
        var document = await group.GetAsync($"/api/briefings/{month}/document");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var stream = new MemoryStream(await document.Content.ReadAsByteArrayAsync());
        using var word = WordprocessingDocument.Open(stream, false);
        var paragraphs = word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        // The unit's words exactly as written, after the full-width colon the 简报 puts after the unit's name.
        Assert.Contains($"{Unit}：{Text}", paragraphs);
    }

    [Fact]
    public async Task A_hostile_rejection_reason_is_verbatim_in_the_units_digest_mail()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var group = await host.SignedInAsync("zhuanban");
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Skip(1).First().GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await WebTestData.ApplyAsync(clerk, id, "完成", ("佐证.pdf", WebTestData.Pdf()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await group.PostAsJsonAsync($"/api/assignments/{id}/rejection", new { reason = Text })).StatusCode);

        // The next digest: 09:00 China time on one of the following days (the first working day writes it).
        var digests = host.Services.GetRequiredService<DailyDigestComposer>();
        var today = DateOnly.FromDateTime(host.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        OutboxRow? digest = null;
        for (var day = 1; day <= 10 && digest is null; day++)
        {
            await digests.RunAsync(new DateTimeOffset(today.AddDays(day).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            var unitId = await db.Units.Where(u => u.Name == Unit).Select(u => u.Id).SingleAsync();
            digest = await db.Outbox.AsNoTracking().Where(o => o.Kind == OutboxKinds.Digest && o.UnitId == unitId).OrderByDescending(o => o.Id).FirstOrDefaultAsync();
        }
        Assert.NotNull(digest);
        var message = await host.Services.GetRequiredService<MessageComposer>().ComposeAsync(digest);

        Assert.Contains($"（理由：{Text}）", message.TextBody);
    }

    private static List<List<string>> LedgerRows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var part = (WorksheetPart)workbook.GetPartById(workbook.Workbook!.Descendants<Sheet>().Single().Id!);
        return part.Worksheet!.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();
    }
}
