using System.Net;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15 part 10: evidence files only downloaded. A PDF or an image now also opens in the browser (预览):
/// sent inline with the type checked on upload, no sniffing, and a sandboxing content policy, so a file that carries
/// script runs none on our origin; any other type downloads as before, and the download link stays a download.</summary>
[Collection(WebHostCollection.Name)]
public sealed class EvidencePreviewTests(WebHostFixture host)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] OldWord = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

    [Fact]
    public async Task A_pdf_or_an_image_previews_inline_in_a_sandbox_and_other_files_download()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省民政厅"));
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Last().GetProperty("id").GetInt64();
        var applied = await WebTestData.ApplyAsync(clerk, id, "已完成", ("方案.pdf", WebTestData.Pdf("<script>alert(1)</script>")), ("现场.png", Png), ("旧表.doc", OldWord));
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        var files = (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("fileName").GetString()!, f => f.GetProperty("id").GetInt64());

        foreach (var (name, type) in new[] { ("方案.pdf", "application/pdf"), ("现场.png", "image/png") })
        {
            var preview = await clerk.GetAsync($"/api/files/{files[name]}/preview");
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            Assert.Equal(type, preview.Content.Headers.ContentType?.MediaType);
            Assert.Equal("inline", preview.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Contains("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", preview.Headers.GetValues("X-Content-Type-Options").Single());
        }
        var other = await clerk.GetAsync($"/api/files/{files["旧表.doc"]}/preview");
        var download = await clerk.GetAsync($"/api/files/{files["方案.pdf"]}");
        foreach (var response in new[] { other, download })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        }

        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/assignments/{id}"));
        Assert.Contains($"href=\"/api/files/{files["方案.pdf"]}/preview\"", page);
        Assert.Contains($"href=\"/api/files/{files["现场.png"]}/preview\"", page);
        Assert.DoesNotContain($"/api/files/{files["旧表.doc"]}/preview", page);
        // Someone else's unit previews nothing of it.
        var stranger = await host.SignedInAsync(WebHostFixture.ClerkOf("省公安厅"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/files/{files["现场.png"]}/preview")).StatusCode);
    }
}
