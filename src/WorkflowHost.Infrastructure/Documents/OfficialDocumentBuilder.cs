using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>
/// Writes a .docx in the layout of GB/T 9704-2012 (党政机关公文格式), the form every official recipient expects: A4 with
/// the standard margins (版心 156 × 225 mm), the issuing office's red mark on one line whatever its length, the
/// document number over a red rule, a centred title in 小标宋 二号, the addressee flush left, body paragraphs in 仿宋
/// 三号 indented two characters (in characters and in twips: LibreOffice reads only the latter), full-width
/// punctuation in Chinese text, the signature and date kept on one page with the last lines of text, the page number
/// 「— 1 —」 in 四号 at the foot (right on odd pages, left on even ones) and the 版记 at the end. Fonts are named with
/// the common ones as alternatives, so a machine without 方正小标宋 still lays the page out.
/// </summary>
internal sealed class OfficialDocumentBuilder
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string HeadingFont = "黑体";
    private const string SubheadingFont = "楷体_GB2312";
    private const string Red = "FF0000";

    // Half-points: 小初 36 pt, 二号 22 pt, 三号 16 pt, 四号 14 pt.
    private const int MarkSize = 72;
    private const int TitleSize = 44;
    private const int BodySize = 32;
    private const int PageNumberSize = 28;

    /// <summary>版心 width, 156 mm, in twips: where a right tab puts text flush right.</summary>
    private const int TextWidthTwips = 8844;

    /// <summary>版心 width in points (a CJK character is as wide as its size).</summary>
    public const double TextWidthPoints = TextWidthTwips / 20.0;

    /// <summary>Two characters of 三号 in twips: the first-line indent.</summary>
    private const int IndentTwips = 2 * 16 * 20;

    /// <summary>The fonts named, each with the common font a machine without it should use instead.</summary>
    private static readonly Dictionary<string, string> Fallbacks = new()
    {
        [TitleFont] = "宋体", [BodyFont] = "仿宋", [HeadingFont] = "SimHei", [SubheadingFont] = "楷体", ["宋体"] = "SimSun",
    };

    /// <summary>The mark's size in half-points: 小初 when the name fits the 版心 at that size, else the largest that does
    /// (「甘肃省安全生产委员会办公室」, 13 characters, is 34 pt).</summary>
    public static int MarkSizeFor(string office) => Math.Min(MarkSize, (int)Math.Floor(TextWidthPoints / Math.Max(1, office.Length)) * 2);

    private readonly List<OpenXmlElement> _body = [];

    /// <summary>发文机关标志: the office's name in red, centred on one line, as large as fits (at most 小初); its line as
    /// tall as the type, never a fixed 28 pt that would cut it.</summary>
    public OfficialDocumentBuilder IssuerMark(string office) =>
        Add(Para(JustificationValues.Center, Run(office, TitleFont, MarkSizeFor(office), Red, bold: false), null, null, spacingAfter: 400, autoLine: true));

    /// <summary>文号 centred, then the red rule (版头中的分隔线).</summary>
    public OfficialDocumentBuilder NumberAndRule(string number)
    {
        Add(Para(JustificationValues.Center, Run(number, BodyFont, BodySize)));
        return RedRule();
    }

    /// <summary>A left and a right text on one line (a briefing's office and date), then the red rule.</summary>
    public OfficialDocumentBuilder SplitLineAndRule(string left, string right)
    {
        // A right tab stop at the text width puts the date flush right.
        Add(Para(JustificationValues.Left, Run(left, BodyFont, BodySize), Run("\t" + right, BodyFont, BodySize),
            tab: new TabStop { Val = TabStopValues.Right, Position = TextWidthTwips }));
        return RedRule();
    }

    public OfficialDocumentBuilder RedRule() => Add(new Paragraph(new ParagraphProperties(
        new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Color = Red, Size = 12, Space = 1 }),
        new SpacingBetweenLines { After = "400" })));

    public OfficialDocumentBuilder Title(string title) =>
        Add(Para(JustificationValues.Center, Run(title, TitleFont, TitleSize), spacingAfter: 300));

    /// <summary>A centred line in the body font (a briefing's issue number).</summary>
    public OfficialDocumentBuilder Centered(string text) => Add(Para(JustificationValues.Center, Run(text, BodyFont, BodySize)));

    /// <summary>主送机关: flush left, ending with a full-width colon.</summary>
    public OfficialDocumentBuilder Addressee(string addressee) =>
        Add(Para(JustificationValues.Left, Run(addressee.TrimEnd(':', '\uFF1A') + "\uFF1A", BodyFont, BodySize)));

    /// <summary>A body paragraph. <paramref name="verbatim"/>: what a person wrote (a report quoted in a 简报), printed
    /// exactly as written — only the text the product composes gets its punctuation made full-width.</summary>
    public OfficialDocumentBuilder Paragraph(string text, bool verbatim = false) =>
        Add(Para(JustificationValues.Both, Run(text, BodyFont, BodySize, verbatim: verbatim), firstLineChars: 200));

    /// <summary>一级标题 (一、…) in 黑体.</summary>
    public OfficialDocumentBuilder Heading(string text) =>
        Add(Para(JustificationValues.Left, Run(text, HeadingFont, BodySize), firstLineChars: 200));

    /// <summary>二级标题 ((一)…) in 楷体.</summary>
    public OfficialDocumentBuilder Subheading(string text) =>
        Add(Para(JustificationValues.Left, Run(text, SubheadingFont, BodySize), firstLineChars: 200));

    /// <summary>落款 and 成文日期, right-aligned, after a blank line, kept on one page with the last paragraph of text
    /// (a date never stands alone on a page).</summary>
    public OfficialDocumentBuilder Signature(string office, DateOnly date)
    {
        if (_body.LastOrDefault() is Paragraph last) KeepWithNext(last);
        Add(KeepWithNext(Para(JustificationValues.Right, Run("", BodyFont, BodySize))));
        Add(KeepWithNext(Para(JustificationValues.Right, Run(office, BodyFont, BodySize))));
        return Add(Para(JustificationValues.Right, Run(Mail.DeadlineWords.Date(date), BodyFont, BodySize)));
    }

    /// <summary>版记 at the end: 抄送 (or a 简报's 报送范围, <paramref name="label"/>) if any, then the office that prints it
    /// and the date, between rules.</summary>
    public OfficialDocumentBuilder Colophon(string? copyTo, string printedBy, DateOnly printedOn, string label = "抄送")
    {
        Add(Para(JustificationValues.Left, Run("", BodyFont, BodySize)));
        if (copyTo is not null)
            Add(Ruled(Para(JustificationValues.Left, Run($"{label}：{copyTo}。", BodyFont, PageNumberSize)), top: 8));
        return Add(Ruled(Para(JustificationValues.Left, Run(printedBy, BodyFont, PageNumberSize), Run($"\t{Mail.DeadlineWords.Date(printedOn)}印发", BodyFont, PageNumberSize),
            tab: new TabStop { Val = TabStopValues.Right, Position = TextWidthTwips }), top: copyTo is null ? 8u : 4u, bottom: 8));
    }

    /// <summary>The document as a .docx: the prepared package (<see cref="Package"/>) with this document's text as its
    /// main part.</summary>
    public byte[] Build()
    {
        var package = Package.Value;
        // The elements themselves go into the body (a second Build, finding them placed, copies them).
        var body = new Body(_body.Select(e => e.Parent is null ? e : e.CloneNode(true)));
        body.Append(Section(package.OddFooter, package.EvenFooter));
        var document = new Document(body);
        return package.Parts.With(document.Save);
    }

    /// <summary>What every document shares, written once by the SDK: the page-number footers, the settings (even and
    /// odd pages), the font table, the relationships and content types. Only the main part differs per document.</summary>
    private sealed record Prepared(PreparedPackage Parts, string OddFooter, string EvenFooter);

    private static readonly Lazy<Prepared> Package = new(Prepare);

    private static Prepared Prepare()
    {
        using var stream = new MemoryStream();
        string odd, even;
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            odd = main.GetIdOfPart(PageNumberFooter(main, JustificationValues.Right));
            even = main.GetIdOfPart(PageNumberFooter(main, JustificationValues.Left));
            // A placeholder: each document writes its own main part.
            main.Document = new Document(new Body(Section(odd, even)));
            main.Document.Save();
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new EvenAndOddHeaders());
            settings.Settings.Save();
            var fonts = main.AddNewPart<FontTablePart>();
            fonts.Fonts = new Fonts(Fallbacks.Select(f => new Font(new AltName { Val = f.Value }) { Name = f.Key }));
            fonts.Fonts.Save();
        }
        return new Prepared(new PreparedPackage(stream.ToArray(), "word/document.xml"), odd, even);
    }

    /// <summary>A4, margins 37/35/28/26 mm as GB/T 9704 sets them (twentieths of a point); page numbers at the foot.</summary>
    private static SectionProperties Section(string oddFooter, string evenFooter) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
        new PageSize { Width = 11906U, Height = 16838U },
        new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U });

    /// <summary>页码: 「— N —」 in 四号, one character in from the outside edge (right on odd pages, left on even).</summary>
    private static FooterPart PageNumberFooter(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var properties = new ParagraphProperties(
            new Indentation { Left = side == JustificationValues.Left ? "280" : "0", Right = side == JustificationValues.Right ? "280" : "0" },
            new Justification { Val = side });
        Run Text(string text) => Run(text, "宋体", PageNumberSize);
        part.Footer = new Footer(new Paragraph(properties,
            Text("— "),
            new SimpleField(Text("1")) { Instruction = " PAGE " },
            Text(" —")));
        part.Footer.Save();
        return part;
    }

    private static Paragraph KeepWithNext(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties ??= new ParagraphProperties();
        if (properties.KeepNext is null) properties.PrependChild(new KeepNext());
        return paragraph;
    }

    /// <summary>A paragraph between rules (版记's lines): sizes in eighths of a point.</summary>
    private static Paragraph Ruled(Paragraph paragraph, uint top = 0, uint bottom = 0)
    {
        var borders = new ParagraphBorders();
        if (top > 0) borders.Append(new TopBorder { Val = BorderValues.Single, Color = "000000", Size = top, Space = 1 });
        if (bottom > 0) borders.Append(new BottomBorder { Val = BorderValues.Single, Color = "000000", Size = bottom, Space = 1 });
        var properties = paragraph.ParagraphProperties!;
        // w:pBdr comes after w:keepNext and before w:tabs in the schema's order.
        var anchor = properties.GetFirstChild<Tabs>() ?? (OpenXmlElement?)properties.GetFirstChild<SpacingBetweenLines>();
        if (anchor is not null) properties.InsertBefore(borders, anchor);
        else properties.Append(borders);
        return paragraph;
    }

    private OfficialDocumentBuilder Add(OpenXmlElement element)
    {
        _body.Add(element);
        return this;
    }

    // Children of w:pPr in the order the schema requires: keepNext, pBdr, tabs, spacing, ind, jc.
    private static Paragraph Para(JustificationValues justification, Run first, Run? second = null, int? firstLineChars = null, int spacingAfter = 0,
        TabStop? tab = null, bool autoLine = false)
    {
        var properties = new ParagraphProperties();
        if (tab is not null) properties.Append(new Tabs(tab));
        properties.Append(autoLine
            ? new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto, After = spacingAfter.ToString() }
            : new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, After = spacingAfter.ToString() });
        if (firstLineChars is { } chars) properties.Append(new Indentation { FirstLineChars = chars, FirstLine = (IndentTwips * chars / 200).ToString() });
        properties.Append(new Justification { Val = justification });
        var paragraph = new Paragraph(properties, first);
        if (second is not null) paragraph.Append(second);
        return paragraph;
    }

    private static Paragraph Para(JustificationValues justification, Run first, int spacingAfter) =>
        Para(justification, first, null, null, spacingAfter);

    private static Run Run(string text, string font, int size, string? color = null, bool bold = false, bool verbatim = false)
    {
        var properties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font });
        if (bold) properties.Append(new Bold());
        if (color is not null) properties.Append(new Color { Val = color });
        properties.Append(new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() });
        var run = new Run(properties);
        var parts = text.Split('\t');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) run.Append(new TabChar());
            run.Append(new Text(verbatim ? parts[i] : ChinesePunctuation.Normalize(parts[i])) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }
}
