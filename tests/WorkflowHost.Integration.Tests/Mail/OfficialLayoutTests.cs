using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Workflows.Commands;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Mail;

/// <summary>
/// GB/T 9704-2012 (issue 14 part 5), read from every kind of document as Word would open it: the 标志 fits the 版心 on
/// one line at a readable size, its line is as tall as its type; body text is indented two characters in characters
/// and in twips; the page number 「— N —」 in 四号 sits at the foot, right on odd pages and left on even; the 落款 and
/// 成文日期 stay with the last lines of text; the 版记 closes the document; Chinese text has full-width punctuation;
/// every font is named with a common alternative. Nobody acts on the 2024 plan until 10 April.
/// </summary>
public sealed class OfficialLayoutTests : IAsyncLifetime
{
    /// <summary>版心 width, 156 mm, in points.</summary>
    private const double TextWidthPoints = 156 / 25.4 * 72;

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

    private async Task<long> EscalationAsync(string step, bool gathered = false)
    {
        await using var db = _engine.Db();
        return await db.Escalations.Where(e => e.Step == step && (!gathered || e.DocumentId != null)).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    }

    private async Task<Dictionary<string, GeneratedDocument>> EveryKindAsync()
    {
        var mediator = _engine.Services.GetRequiredService<IMediator>();
        var documents = new Dictionary<string, GeneratedDocument> { ["督办函"] = (await _engine.Documents.EscalationAsync(await EscalationAsync("letter", gathered: true)))! };
        foreach (var (step, name) in new[] { ("circular", "通报"), ("summons", "约谈通知") })
        {
            var id = await EscalationAsync(step);
            Assert.True((await mediator.Send(new ApproveEscalation(id, new Actor("zhuanban", ActorRole.WorkingGroup)))).Succeeded);
            documents[name] = (await _engine.Documents.EscalationAsync(id))!;
        }
        documents["简报"] = (await _engine.Documents.BriefingAsync("2024-03"))!;
        return documents;
    }

    [Fact]
    public async Task Every_kind_of_document_meets_the_layout_of_GB_T_9704()
    {
        foreach (var (kind, document) in await EveryKindAsync())
        {
            using var word = WordprocessingDocument.Open(new MemoryStream(document.Content), false);
            var main = word.MainDocumentPart!;
            var paragraphs = main.Document.Body!.Elements<Paragraph>().ToList();

            // 标志: one line inside the 156 mm 版心, at least 二号, its line not fixed below its size.
            var mark = paragraphs[0];
            var markText = mark.InnerText;
            var markSize = int.Parse(mark.Descendants<FontSize>().First().Val!) / 2.0;
            Assert.True(markText.Length * markSize <= TextWidthPoints, $"{kind}: 「{markText}」 at {markSize} pt is wider than the 版心");
            Assert.True(markSize >= 22, $"{kind}: the mark is {markSize} pt");
            var markSpacing = mark.ParagraphProperties!.SpacingBetweenLines!;
            Assert.True(markSpacing.LineRule?.Value != LineSpacingRuleValues.Exact || int.Parse(markSpacing.Line!) >= markSize * 20, $"{kind}: the mark's line is cut");

            // Body text: two characters' indent, in characters and in twips.
            var indented = paragraphs.Where(p => p.ParagraphProperties?.Indentation?.FirstLineChars is not null).ToList();
            Assert.NotEmpty(indented);
            Assert.All(indented, p => Assert.Equal("640", p.ParagraphProperties!.Indentation!.FirstLine!.Value));

            // 页码: odd and even footers, 「— PAGE —」 in 四号, outside edge.
            Assert.NotNull(main.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>());
            var section = main.Document.Body.GetFirstChild<SectionProperties>()!;
            foreach (var (type, side) in new[] { (HeaderFooterValues.Default, JustificationValues.Right), (HeaderFooterValues.Even, JustificationValues.Left) })
            {
                var reference = section.Elements<FooterReference>().Single(f => f.Type!.Value == type);
                var footer = ((FooterPart)main.GetPartById(reference.Id!)).Footer;
                Assert.Equal("— 1 —", footer.InnerText);
                Assert.Equal(" PAGE ", footer.Descendants<SimpleField>().Single().Instruction!.Value);
                Assert.Equal(side, footer.Descendants<Justification>().Single().Val!.Value);
                Assert.All(footer.Descendants<FontSize>(), f => Assert.Equal("28", f.Val!.Value));
            }

            // 落款 and 成文日期 kept with the last paragraph of text; 版记 (印发机关, 印发日期) between rules at the end.
            var date = paragraphs.FindLastIndex(p => Regex.IsMatch(p.InnerText, @"^\d{4}年\d{1,2}月\d{1,2}日$"));
            Assert.True(date > 3, $"{kind}: no 成文日期");
            Assert.All(paragraphs.Skip(date - 3).Take(3), p => Assert.NotNull(p.ParagraphProperties!.KeepNext));
            var colophon = paragraphs[^1];
            Assert.EndsWith("印发", colophon.InnerText);
            Assert.NotNull(colophon.ParagraphProperties!.ParagraphBorders!.BottomBorder);

            // Full-width punctuation in Chinese text: no half-width mark next to a Chinese character.
            var text = string.Join("\n", paragraphs.Select(p => p.InnerText));
            Assert.DoesNotMatch(@"[\u4E00-\u9FFF][,;:!?()]|[(][\u4E00-\u9FFF]", text);

            // Every font named has a common alternative.
            var fonts = main.FontTablePart!.Fonts.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.GetFirstChild<AltName>()?.Val?.Value);
            foreach (var used in main.Document.Descendants<RunFonts>().Select(f => f.EastAsia!.Value!).Distinct())
                Assert.False(string.IsNullOrEmpty(fonts.GetValueOrDefault(used)), $"{kind}: font {used} has no alternative");
        }
    }

    /// <summary>Every document is the one prepared package (written once) with its own text: the same parts, the page-number
    /// footers, settings and font table identical in each, reached from the text by its relationships.</summary>
    [Fact]
    public async Task Every_document_is_the_same_package_with_its_own_text()
    {
        var shared = new Dictionary<string, HashSet<string>>();
        var texts = new List<string>();
        foreach (var (kind, document) in await EveryKindAsync())
        {
            using var word = WordprocessingDocument.Open(new MemoryStream(document.Content), false);
            var main = word.MainDocumentPart!;
            Assert.Equal(["/word/fontTable.xml", "/word/footer1.xml", "/word/footer2.xml", "/word/settings.xml"],
                main.Parts.Select(p => p.OpenXmlPart.Uri.OriginalString).Order());
            foreach (var part in main.Parts.Select(p => p.OpenXmlPart))
            {
                using var reader = new StreamReader(part.GetStream());
                (shared.TryGetValue(part.Uri.OriginalString, out var seen) ? seen : shared[part.Uri.OriginalString] = []).Add(reader.ReadToEnd());
            }
            var section = main.Document.Body!.GetFirstChild<SectionProperties>()!;
            Assert.All(section.Elements<FooterReference>(), f => Assert.IsType<FooterPart>(main.GetPartById(f.Id!)));
            texts.Add(main.Document.Body.InnerText);
            Assert.False(string.IsNullOrWhiteSpace(texts[^1]), $"{kind}: no text");
        }
        Assert.All(shared, p => Assert.Single(p.Value));
        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Theory]
    [InlineData("检查企业(含个体户),共120家;整改:完毕!", "检查企业（含个体户），共120家；整改：完毕！")]
    [InlineData("比例1:2,增长3.5%", "比例1:2，增长3.5%")]
    [InlineData("see (a), then b", "see (a), then b")]
    public void Half_width_marks_in_Chinese_text_become_full_width(string input, string expected) =>
        Assert.Equal(expected, ChinesePunctuation.Normalize(input));
}
