using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>
/// The documents as a recipient sees them: one of each kind rendered to PDF by LibreOffice (installed by
/// <c>.ci/install-prerequisites</c>) and read back with poppler — the 发文机关标志 on one line, the page count, the page
/// number at the foot, the 版记 on the last page. The first page of each is kept as a PNG under
/// <c>tests/artifacts/documents/</c> (copied to <c>docs/documents/</c> for the README).
/// </summary>
public sealed class DocumentRenderingTests : IAsyncLifetime
{
    public static string Artifacts { get; } = Path.Combine(RepoPaths.Root, "tests", "artifacts", "documents");
    private readonly TempFolder _temp = new();
    private EngineHarness _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineHarness.StartWithMailAsync(_temp.File("data"));
        await _engine.AdvanceToAsync(EngineHarness.China(2024, 4, 10, 10));
        await _engine.BundleLettersAsync();
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Each_kind_renders_with_the_mark_on_one_line_page_numbers_and_the_版记()
    {
        var mediator = _engine.Services.GetRequiredService<IMediator>();
        long letter, circular, summons;
        await using (var db = _engine.Db())
        {
            letter = await db.Escalations.Where(e => e.Step == "letter" && e.DocumentId != null).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            circular = await db.Escalations.Where(e => e.Step == "circular").OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            summons = await db.Escalations.Where(e => e.Step == "summons").OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        }
        foreach (var id in new[] { circular, summons })
            Assert.True((await mediator.Send(new ApproveEscalation(id, new Actor("zhuanban", ActorRole.WorkingGroup)))).Succeeded);
        // At most a few pages each: a 简报 counts rather than lists (its March issue was 24 pages when it listed units).
        var documents = new (string Name, byte[] Content, string Mark, int MaxPages)[]
        {
            ("督办函", (await _engine.Documents.EscalationAsync(letter))!.Content, "甘肃省安全生产委员会办公室", 3),
            ("通报", (await _engine.Documents.EscalationAsync(circular))!.Content, "甘肃省安全生产委员会办公室", 6),
            ("约谈通知", (await _engine.Documents.EscalationAsync(summons))!.Content, "甘肃省安全生产委员会办公室", 2),
            ("简报", (await _engine.Documents.BriefingAsync("2024-03"))!.Content, "安全生产治本攻坚三年行动工作简报", 6),
        };
        var folder = _temp.File("pdf");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Artifacts);
        foreach (var (name, content, _, _) in documents) await File.WriteAllBytesAsync(Path.Combine(folder, name + ".docx"), content);

        await ExternalTool.RunAsync("soffice", ["--headless", $"-env:UserInstallation=file://{_temp.File("lo-profile")}", "--convert-to", "pdf", "--outdir", folder,
            .. documents.Select(d => Path.Combine(folder, d.Name + ".docx"))]);

        foreach (var (name, _, mark, maxPages) in documents)
        {
            var pdf = Path.Combine(folder, name + ".pdf");
            File.Copy(pdf, Path.Combine(Artifacts, name + ".pdf"), overwrite: true);
            await ExternalTool.RunAsync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(Artifacts, name)]);
            var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(await ExternalTool.RunAsync("pdfinfo", [pdf]), @"Pages:\s+(\d+)").Groups[1].Value);
            Assert.InRange(pages, 1, maxPages);
            var first = (await ExternalTool.RunAsync("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"])).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            // The mark on one line, whole: GB/T 9704's first complaint was 「室」 wrapping onto a second line.
            Assert.Equal(mark, first[0].Replace(" ", ""));
            // The page number at the foot of every page, and the 版记 on the last.
            for (var page = 1; page <= pages; page++)
            {
                var text = await ExternalTool.RunAsync("pdftotext", ["-layout", "-f", page.ToString(), "-l", page.ToString(), pdf, "-"]);
                Assert.Contains($"—{page}—", text.Replace(" ", "")); // pdftotext drops the spaces inside 「— N —」
                if (page == pages) Assert.Contains("印发", text.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(3).Aggregate("", (a, b) => a + b));
            }
            Assert.True(new FileInfo(Path.Combine(Artifacts, name + ".png")).Length > 5_000);
        }
    }
}
