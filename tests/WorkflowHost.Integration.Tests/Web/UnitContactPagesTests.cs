using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Units;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The directory's contacts where one unit must reach another: on a lead's task page beside each co-unit's share, on
/// the co-unit's page for its lead, and on the 督办函 as the issuing office's 联系人/联系电话 line. On a host of its own
/// (the clock moves for the letter).
/// </summary>
public sealed class UnitContactPagesTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    [Fact]
    public async Task A_lead_sees_each_co_units_contact_and_a_co_unit_sees_its_leads()
    {
        var directory = host.Services.GetRequiredService<UnitDirectory>();
        long lead;
        List<(long Id, string Unit)> shares;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            lead = await (from a in db.Assignments join u in db.Units on a.UnitId equals u.Id
                          where u.Name == "省应急厅" && db.Assignments.Any(c => c.ParentId == a.Id)
                          orderby a.Id select a.Id).FirstAsync();
            shares = (await (from c in db.Assignments join u in db.Units on c.UnitId equals u.Id where c.ParentId == lead orderby c.UnitId select new { c.Id, u.Name }).ToListAsync())
                .Select(c => (c.Id, c.Name)).ToList();
        }
        Assert.NotEmpty(shares);

        var leadPage = WebUtility.HtmlDecode(await (await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"))).GetStringAsync($"/assignments/{lead}"));
        foreach (var (id, unit) in shares)
        {
            var contact = directory.Find(unit)!.Contact!;
            var row = leadPage[leadPage.IndexOf($"data-child=\"{id}\"", StringComparison.Ordinal)..];
            row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
            Assert.Contains($"<span class=\"nowrap\">{contact.Person}</span> <a class=\"nowrap\" href=\"tel:{contact.Phone}\">{contact.Phone}</a>", row);
        }

        var (share, shareUnit) = shares[0];
        var sharePage = WebUtility.HtmlDecode(await (await host.SignedInAsync(WebHostFixture.ClerkOf(shareUnit))).GetStringAsync($"/assignments/{share}"));
        var lead_ = directory.Find("省应急厅")!.Contact!;
        Assert.Contains($"data-testid=\"parent-contact\">{lead_.Person} <a href=\"tel:{lead_.Phone}\">{lead_.Phone}</a>", sharePage);
    }

    [Fact]
    public async Task The_督办函_names_the_issuing_offices_contact()
    {
        var admin = await host.SignedInAsync("admin");
        Assert.True((await admin.PostAsync("/api/clock/advance", new StringContent("""{"to":"2024-03-20T09:30:00+08:00"}""", Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        await host.Services.GetRequiredService<LetterBundler>().BundleAsync(host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), default);
        long letter;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            letter = await (from e in db.Escalations join a in db.Assignments on e.AssignmentId equals a.Id
                            where e.Step == "letter" && e.DocumentId != null && a.ParentId == null
                            orderby e.Id select e.Id).FirstAsync();

        var response = await (await host.SignedInAsync("zhuanban")).GetAsync($"/api/escalations/{letter}/document");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var office = host.Services.GetRequiredService<UnitDirectory>().Find("省安委会办公室")!.Contact!;
        Assert.Contains($"（联系人：{office.Person}，联系电话：{office.Phone}）", DocxText.Of(await response.Content.ReadAsByteArrayAsync()));
    }
}
