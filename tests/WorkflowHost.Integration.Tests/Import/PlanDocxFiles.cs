using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>Writes lists as offices publish them in Word, with OpenXml: a table, or paragraphs numbered by Word itself
/// (the numbers are not in the text, as in most published lists).</summary>
public static class PlanDocxFiles
{
    public static void WriteTable(string path, string title, IEnumerable<string[]> rows)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var table = new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single })));
        foreach (var cells in rows)
        {
            // A section row is one cell spanning the table, as Word writes a merged row.
            var row = new TableRow();
            if (cells.Length == 1)
                row.Append(new TableCell(new TableCellProperties(new GridSpan { Val = 5 }), Paragraph(cells[0])));
            else
                row.Append(cells.Select(text => new TableCell(Paragraph(text))));
            table.Append(row);
        }
        main.Document = new Document(new Body(Paragraph(title), Paragraph("(本表由各牵头单位于每月25日前报送进展)"), table));
    }

    /// <summary>Paragraphs; a line starting with 「#1 」 is a level-1 chapter numbered 「一、」 by Word, 「#2 」 a task
    /// numbered 「1.」 by Word (restarting in each chapter); other lines are written as they are.</summary>
    public static void WriteNumbered(string path, IEnumerable<string> lines)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var numbering = main.AddNewPart<NumberingDefinitionsPart>();
        numbering.Numbering = new Numbering(
            new AbstractNum(
                new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.ChineseCounting }, new LevelText { Val = "%1、" }) { LevelIndex = 0 },
                new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%2." }) { LevelIndex = 1 })
            { AbstractNumberId = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
        var body = new Body();
        foreach (var line in lines)
        {
            var level = line.StartsWith("#1 ") ? 0 : line.StartsWith("#2 ") ? 1 : -1;
            var paragraph = Paragraph(level < 0 ? line : line[3..]);
            if (level >= 0)
                paragraph.PrependChild(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 1 })));
            body.Append(paragraph);
        }
        main.Document = new Document(body);
    }

    private static Paragraph Paragraph(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
}
