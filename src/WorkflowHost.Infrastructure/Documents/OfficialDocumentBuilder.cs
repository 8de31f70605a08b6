using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>
/// Writes a .docx in the layout of GB/T 9704 (党政机关公文格式), the form every official recipient expects: A4 with
/// the standard margins, the issuing office's red mark, the document number over a red rule, a centred title in
/// 小标宋 二号, the addressee flush left, body paragraphs in 仿宋 三号 indented two characters, and the signature
/// and date at the right.
/// </summary>
internal sealed class OfficialDocumentBuilder
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string HeadingFont = "黑体";
    private const string SubheadingFont = "楷体_GB2312";
    private const string Red = "FF0000";

    // Half-points: 小初 36 pt, 二号 22 pt, 三号 16 pt.
    private const int MarkSize = 72;
    private const int TitleSize = 44;
    private const int BodySize = 32;

    private readonly List<OpenXmlElement> _body = [];

    /// <summary>发文机关标志: the office's name in red, large, centred.</summary>
    public OfficialDocumentBuilder IssuerMark(string office) =>
        Add(Para(JustificationValues.Center, Run(office, TitleFont, MarkSize, Red, bold: false), spacingAfter: 400));

    /// <summary>文号 centred, then the red rule (版头中的分隔线).</summary>
    public OfficialDocumentBuilder NumberAndRule(string number)
    {
        Add(Para(JustificationValues.Center, Run(number, BodyFont, BodySize)));
        return RedRule();
    }

    /// <summary>A left and a right text on one line (a briefing's office and date), then the red rule.</summary>
    public OfficialDocumentBuilder SplitLineAndRule(string left, string right)
    {
        // A right tab stop at the text width (A4 less the margins) puts the date flush right.
        Add(Para(JustificationValues.Left, Run(left, BodyFont, BodySize), Run("\t" + right, BodyFont, BodySize),
            tab: new TabStop { Val = TabStopValues.Right, Position = 8844 }));
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

    public OfficialDocumentBuilder Paragraph(string text) =>
        Add(Para(JustificationValues.Both, Run(text, BodyFont, BodySize), firstLineChars: 200));

    /// <summary>一级标题 (一、…) in 黑体.</summary>
    public OfficialDocumentBuilder Heading(string text) =>
        Add(Para(JustificationValues.Left, Run(text, HeadingFont, BodySize), firstLineChars: 200));

    /// <summary>二级标题 ((一)…) in 楷体.</summary>
    public OfficialDocumentBuilder Subheading(string text) =>
        Add(Para(JustificationValues.Left, Run(text, SubheadingFont, BodySize), firstLineChars: 200));

    /// <summary>落款 and 成文日期, right-aligned, after a blank line.</summary>
    public OfficialDocumentBuilder Signature(string office, DateOnly date)
    {
        Add(Para(JustificationValues.Right, Run("", BodyFont, BodySize)));
        Add(Para(JustificationValues.Right, Run(office, BodyFont, BodySize)));
        return Add(Para(JustificationValues.Right, Run(Mail.DeadlineWords.Date(date), BodyFont, BodySize)));
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body(_body.Select(e => e.CloneNode(true)));
            // A4, margins 37/35/28/26 mm as GB/T 9704 sets them (twentieths of a point).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private OfficialDocumentBuilder Add(OpenXmlElement element)
    {
        _body.Add(element);
        return this;
    }

    // Children of w:pPr in the order the schema requires: tabs, spacing, ind, jc.
    private static Paragraph Para(JustificationValues justification, Run first, Run? second = null, int? firstLineChars = null, int spacingAfter = 0, TabStop? tab = null)
    {
        var properties = new ParagraphProperties();
        if (tab is not null) properties.Append(new Tabs(tab));
        properties.Append(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, After = spacingAfter.ToString() });
        if (firstLineChars is { } chars) properties.Append(new Indentation { FirstLineChars = chars });
        properties.Append(new Justification { Val = justification });
        var paragraph = new Paragraph(properties, first);
        if (second is not null) paragraph.Append(second);
        return paragraph;
    }

    private static Paragraph Para(JustificationValues justification, Run first, int spacingAfter) =>
        Para(justification, first, null, null, spacingAfter);

    private static Run Run(string text, string font, int size, string? color = null, bool bold = false)
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
            run.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }
}
