using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web.Archives;

/// <summary>A hostile zip sent as evidence, through the API and through the page: refused with the entry and the
/// reason (problem details, the form's error), nothing stored on disk or in the database, the refusal audited. A
/// clean zip of evidence goes through.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ArchiveUploadTests(WebHostFixture host)
{
    private const string Unit = "省住建厅";

    [Fact]
    public async Task A_zip_bomb_through_the_API_is_refused_and_audited_and_nothing_is_stored()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var id = await InProgressAsync(clerk, 0);
        var before = await StoredAsync(id);
        // 30 MB of zeros in an upload of about 30 KB: a ratio near 1000:1, far over the 100:1 limit.
        var bomb = HostileZips.Zip(("说明.pdf", WebTestData.Pdf()), ("zeros.pdf", [.. "%PDF-"u8, .. new byte[30 * 1024 * 1024]]));

        var response = await WebTestData.ApplyAsync(clerk, id, "完成", ("材料.zip", bomb));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("entry 'zeros.pdf' of '材料.zip'", detail);
        Assert.Contains("compression ratio", detail);
        Assert.Equal(before, await StoredAsync(id));
        Assert.Equal("in-progress", (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("assignment").GetProperty("state").GetString());
        Assert.True(await AuditedAsync(id, "zeros.pdf"));
    }

    [Fact]
    public async Task A_traversing_zip_through_the_page_shows_the_form_error_and_nothing_is_stored()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var id = await InProgressAsync(clerk, 1);
        var before = await StoredAsync(id);
        var zip = HostileZips.Zip(("ok.pdf", WebTestData.Pdf()), ("../../keys/key-x.pdf", WebTestData.Pdf()));

        var page = await PageForms.PostAsync(clerk, id, "Apply", new Dictionary<string, string> { ["note"] = "完成" }, ("材料.zip", zip));

        // The page says it in Chinese only; the English detail is the API's and the log's.
        var shown = System.Net.WebUtility.HtmlDecode(page);
        Assert.Contains("条目“../../keys/key-x.pdf”被拒绝", shown);
        Assert.Contains("会跳出解压目录", shown);
        Assert.DoesNotContain("climbs out of the folder", shown);
        Assert.Equal(before, await StoredAsync(id));
        Assert.True(await AuditedAsync(id, "../../keys/key-x.pdf"));
    }

    [Fact]
    public async Task A_clean_zip_of_evidence_is_stored_and_downloads_as_sent()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var id = await InProgressAsync(clerk, 2);
        var zip = HostileZips.Zip(("总结/总结.pdf", WebTestData.Pdf()), ("现场.png", HostileZips.Png()));

        var response = await WebTestData.ApplyAsync(clerk, id, "完成", ("材料.zip", zip));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("files").EnumerateArray().Single();
        Assert.Equal("application/zip", file.GetProperty("contentType").GetString());
        Assert.Equal(zip, await clerk.GetByteArrayAsync(file.GetProperty("url").GetString()));
    }

    private static async Task<long> InProgressAsync(HttpClient clerk, int skip) =>
        (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Skip(skip).First().GetProperty("id").GetInt64();

    private async Task<int> StoredAsync(long id)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var folder = Path.Combine(host.DataFolder, "uploads");
        return await db.EvidenceFiles.CountAsync(f => f.AssignmentId == id)
            + (Directory.Exists(folder) ? Directory.GetFiles(folder, $"{id}-*").Length : 0);
    }

    private async Task<bool> AuditedAsync(long id, string entry)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Audit.AnyAsync(a => a.Target == $"assignment:{id}" && a.Action == "apply" && a.Outcome == "refused" && a.Detail!.Contains(entry));
    }
}
