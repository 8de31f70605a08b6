using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>The first worksheet of an .xlsx workbook, read into <see cref="PlanTable"/>.</summary>
internal static class PlanXlsx
{
    public static (IReadOnlyList<RawPlanTask>, IReadOnlyList<PlanProblem>) Parse(byte[] bytes, string sourceName, PlanTable.Options? options = null)
    {
        if (OfficePackageLimits.Check(bytes) is { } refusal)
            return ([], [new PlanProblem(sourceName, null, null, "xlsx", refusal)]);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("工作簿没有内容");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("工作簿没有工作表");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var sharedStrings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];

            var rows = new List<(int, string[])>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value);
                    while (cells.Count < column) cells.Add("");
                    cells.Add(CellText(cell, sharedStrings));
                }
                rows.Add(((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), cells.ToArray()));
            }
            return PlanTable.Read(rows, sourceName, options);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or System.IO.FileFormatException or ArgumentException)
        {
            return ([], [new PlanProblem(sourceName, null, null, "xlsx", $"无法读取这个 .xlsx 工作簿:{e.Message}")]);
        }
    }

    private static string CellText(Cell cell, string[] sharedStrings)
    {
        var value = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        return cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, out var at) && at < sharedStrings.Length
            ? sharedStrings[at]
            : value;
    }

    /// <summary>Zero-based column of a reference like "C12"; cells may be omitted, so position is not enough.</summary>
    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return 0;
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return column - 1;
    }
}
