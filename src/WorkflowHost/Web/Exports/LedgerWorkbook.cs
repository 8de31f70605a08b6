using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Exports;

/// <summary>台账: one row per assignment, as the working group keeps it in Excel.</summary>
public static class LedgerWorkbook
{

    public static readonly string[] Headers =
        ["序号", "所属行动", "工作任务", "责任单位", "承办方式", "完成时限", "当前时限", "状态", "灯号", "期限", "未报期数", "督办次数", "销号日期"];

    public static byte[] Build(string title, IReadOnlyList<AssignmentSummary> rows) => SimpleWorkbook.Build("台账", title, Headers,
        rows.Select(a => new object[]
        {
            a.TaskNo, a.Action ?? "", a.TaskContent, a.UnitName, a.RoleTitle, a.DeadlineText,
            a.DueDate?.ToString("yyyy-MM-dd") ?? "长期坚持", a.StateTitle, a.Light.Title(), a.DeadlineWords,
            a.MissedReports, a.IssuedEscalations, a.ClosedOn?.ToString("yyyy-MM-dd") ?? "",
        }),
        [6, 18, 60, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14]);
}

/// <summary>One sheet: a title row, a header row, then the rows. Plain cells (inline strings and numbers) so every
/// spreadsheet program opens it.</summary>
public static class SimpleWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build(string sheetName, string title, IReadOnlyList<string> headers, IEnumerable<object[]> rows, IReadOnlyList<double> widths)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, [title]));
            data.Append(Row(2, headers));
            var r = 3u;
            foreach (var values in rows) data.Append(Row(r++, values));
            var columns = new Columns(widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true }));
            sheetPart.Worksheet = new Worksheet(columns, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<object> values)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + index;
            row.Append(value switch
            {
                int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n) },
                _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString() ?? "")) },
            });
        }
        return row;
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);
}
