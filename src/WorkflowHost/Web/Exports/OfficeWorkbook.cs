using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WorkflowHost.Web.Exports;

/// <summary>One sheet of an <see cref="OfficeWorkbook"/>: a title over the columns, a header row, the rows. Numbers
/// (int) are stored as numbers so the office can sum and filter them; everything else as text.</summary>
public sealed record OfficeSheet(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<object[]> Rows, IReadOnlyList<double> Widths)
{
    /// <summary>Rows before the data: the title (row 1) and the header (row 2).</summary>
    public const int HeaderRow = 2;
}

/// <summary>
/// A workbook as an office keeps and prints it: on every sheet the header row frozen and filterable (AutoFilter), text
/// wrapped in columns of set widths with row heights that hold it, thin borders; printed landscape on A4, all columns
/// scaled to one page width, the header row repeated on every page (<c>_xlnm.Print_Titles</c>), 「第 N 页 共 M 页」 at the foot.
/// Row heights are set from the text (<see cref="RowHeight"/>), not left to the program: Excel does not fit the height
/// of wrapped text in a file it did not write, and a printed row with a cut-off line would lose words.
/// </summary>
public static class OfficeWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Body text is 10 pt 宋体; a line of it takes this height, in points.</summary>
    public const double LineHeight = 13.5;
    public const double RowPadding = 3;
    public const double HeaderHeight = 2 * LineHeight + RowPadding;
    public const double TitleHeight = 28;

    // Style indexes into the stylesheet below.
    private const uint BodyText = 1, HeaderCell = 2, TitleCell = 3, BodyNumber = 4;

    public static byte[] Build(params OfficeSheet[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var entries = new Sheets();
            var names = new DefinedNames();
            for (var i = 0; i < sheets.Length; i++)
            {
                var sheet = sheets[i];
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(sheet);
                entries.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)i + 1, Name = sheet.Name });
                var quoted = $"'{sheet.Name.Replace("'", "''")}'";
                names.Append(new DefinedName($"{quoted}!${OfficeSheet.HeaderRow}:${OfficeSheet.HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
                names.Append(new DefinedName($"{quoted}!{FilterRange(sheet, absolute: true)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            }
            workbook.Workbook.Append(entries, names);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The header row and every data row (what AutoFilter covers): A2:N41.</summary>
    public static string FilterRange(OfficeSheet sheet, bool absolute = false)
    {
        var last = ColumnName(sheet.Headers.Count - 1);
        var lastRow = OfficeSheet.HeaderRow + Math.Max(sheet.Rows.Count, 1);
        return absolute ? $"$A${OfficeSheet.HeaderRow}:${last}${lastRow}" : $"A{OfficeSheet.HeaderRow}:{last}{lastRow}";
    }

    private static Worksheet Worksheet(OfficeSheet sheet)
    {
        var lastColumn = ColumnName(sheet.Headers.Count - 1);
        var data = new SheetData();
        data.Append(Row(1, [sheet.Title], [sheet.Widths.Sum()], TitleCell, TitleCell, TitleHeight));
        data.Append(Row(OfficeSheet.HeaderRow, sheet.Headers.Cast<object>().ToArray(), sheet.Widths, HeaderCell, HeaderCell, HeaderHeight));
        var index = (uint)OfficeSheet.HeaderRow + 1;
        foreach (var values in sheet.Rows)
            data.Append(Row(index++, values, sheet.Widths, BodyText, BodyNumber, RowHeight(values, sheet.Widths)));

        return new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = OfficeSheet.HeaderRow, TopLeftCell = $"A{OfficeSheet.HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{OfficeSheet.HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{OfficeSheet.HeaderRow + 1}" } })
                { WorkbookViewId = 0, TabSelected = false }),
            new SheetFormatProperties { DefaultRowHeight = LineHeight + RowPadding },
            new Columns(sheet.Widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
            data,
            new AutoFilter { Reference = FilterRange(sheet) },
            new MergeCells(new MergeCell { Reference = $"A1:{lastColumn}1" }) { Count = 1 },
            new PrintOptions { HorizontalCentered = true },
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            // Landscape A4 (paper size 9), every column on one page width, as many pages down as the rows need (0).
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            new HeaderFooter(new OddFooter("&C第 &P 页 共 &N 页")));
    }

    /// <summary>A data row's height: as many lines as its tallest cell needs at its column's width (a Chinese
    /// character is two width units, other characters one; a line break starts a new line), in points.</summary>
    public static double RowHeight(IReadOnlyList<object> values, IReadOnlyList<double> widths)
    {
        var lines = 1;
        for (var i = 0; i < values.Count && i < widths.Count; i++)
            lines = Math.Max(lines, LinesOf(values[i]?.ToString() ?? "", widths[i]));
        return lines * LineHeight + RowPadding;
    }

    private static int LinesOf(string text, double width)
    {
        // Less a unit for the cell's own margins, so an estimate never comes out a line short.
        var usable = Math.Max(1, width - 1.5);
        return text.Split('\n').Sum(line => Math.Max(1, (int)Math.Ceiling(line.Sum(c => c > 0x2E7F ? 2.0 : 1.1) / usable)));
    }

    private static Row Row(uint index, IReadOnlyList<object> values, IReadOnlyList<double> widths, uint textStyle, uint numberStyle, double height)
    {
        var row = new Row { RowIndex = index, Height = height, CustomHeight = true };
        for (var column = 0; column < values.Count; column++)
        {
            var reference = ColumnName(column) + index;
            row.Append(values[column] switch
            {
                int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n), StyleIndex = numberStyle },
                var value => new Cell
                {
                    CellReference = reference, DataType = CellValues.InlineString, StyleIndex = textStyle,
                    InlineString = new InlineString(new Text(value?.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            });
        }
        return row;
    }

    private static Stylesheet Styles()
    {
        static Font Font(double size, bool bold) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 })
            : new Font(new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 });
        static BorderPropertiesType Thin<T>() where T : BorderPropertiesType, new() => new T { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FF999999" } };
        return new Stylesheet(
            new Fonts(Font(10, false), Font(10, true), Font(14, true)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EDF3" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(Thin<LeftBorder>(), Thin<RightBorder>(), Thin<TopBorder>(), Thin<BottomBorder>(), new DiagonalBorder())) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 0, BorderId = 1, ApplyAlignment = true, ApplyBorder = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center })
                    { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyAlignment = true, ApplyBorder = true },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center }) { FontId = 2, ApplyFont = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, Horizontal = HorizontalAlignmentValues.Center }) { FontId = 0, BorderId = 1, ApplyAlignment = true, ApplyBorder = true })
                { Count = 5 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    public static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);
}
