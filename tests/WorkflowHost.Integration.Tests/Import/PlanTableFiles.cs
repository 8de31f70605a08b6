using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WorkflowHost.Integration.Tests.Import;

/// <summary>Writes the 2024 annex as the table offices exchange, built from the published lines by plain string
/// slicing (not by the product's parser).</summary>
public static class PlanTableFiles
{
    public static List<string[]> AnnexRows(string planTextPath)
    {
        var rows = new List<string[]> { new[] { "序号", "工作任务", "责任单位", "完成时限" } };
        foreach (var line in File.ReadAllLines(planTextPath).SkipWhile(l => !l.StartsWith("附件")).Skip(1))
        {
            var dot = line.IndexOf('.');
            var open = line.LastIndexOf('(');
            var semicolon = line.LastIndexOf(';');
            rows.Add([line[..dot], line[(dot + 1)..open], line[(open + 1)..semicolon], line[(semicolon + 1)..^1]]);
        }
        return rows;
    }

    public static void WriteCsv(string path, IEnumerable<string[]> rows) =>
        File.WriteAllLines(path, rows.Select(cells => string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"") + "\""))));

    public static void WriteXlsx(string path, IEnumerable<string[]> rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint rowIndex = 1;
        foreach (var cells in rows)
        {
            var row = new Row { RowIndex = rowIndex };
            for (var i = 0; i < cells.Length; i++)
                row.Append(new Cell
                {
                    CellReference = $"{(char)('A' + i)}{rowIndex}",
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(cells[i])),
                });
            data.Append(row);
            rowIndex++;
        }
        sheetPart.Worksheet = new Worksheet(data);
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "任务清单" }));
    }
}
