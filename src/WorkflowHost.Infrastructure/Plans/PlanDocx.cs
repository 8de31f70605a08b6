using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// A task list published as a Word document. When a table of the document has a task-list header (序号, 重点任务,
/// 牵头单位 … see <see cref="PlanTable"/>), that table is the list and its rows are numbered as in Word (header = 1); tables
/// after it with as many columns continue it (a list broken across pages). Otherwise the paragraphs are the text of the
/// list, read by <see cref="PlanTextParser"/>, and a problem's line is the paragraph's number. Word's automatic
/// numbering is written out (「1.」, 「(一)」, 「一、」) as the reader sees it, since most lists are numbered that way.
/// </summary>
internal static class PlanDocx
{
    public static (IReadOnlyList<RawPlanTask>, IReadOnlyList<PlanProblem>) Parse(byte[] bytes, string sourceName, PlanMetadata metadata)
    {
        if (OfficePackageLimits.Check(bytes) is { } refusal)
            return ([], [new PlanProblem(sourceName, null, null, "docx", refusal)]);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("文档没有正文");
            var options = new PlanTable.Options(metadata.Columns, metadata.DefaultDeadline is not null);

            var table = TableRows(body, options);
            if (table is not null) return PlanTable.Read(table, sourceName, options);

            var numbering = new WordNumbering(document.MainDocumentPart!.NumberingDefinitionsPart?.Numbering);
            var lines = body.Descendants<Paragraph>().Select(p => numbering.Label(p) + Text(p)).ToArray();
            var result = PlanTextParser.Parse(lines, sourceName, metadata.AnnexTitle);
            return (result.Tasks, result.Problems);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or System.IO.FileFormatException or ArgumentException)
        {
            return ([], [new PlanProblem(sourceName, null, null, "docx", $"无法读取这个 .docx 文档:{e.Message}")]);
        }
    }

    /// <summary>The rows of the first table with a task-list header and of the tables continuing it; null when none.</summary>
    private static List<(int Row, string[] Cells)>? TableRows(Body body, PlanTable.Options options)
    {
        List<(int, string[])>? rows = null;
        var columns = 0;
        foreach (var table in body.Elements<Table>())
        {
            var cells = table.Elements<TableRow>().Select(row => row.Elements<TableCell>().Select(Text).ToArray()).ToList();
            if (rows is null)
            {
                var (_, problems) = PlanTable.Read(cells.Select((c, i) => (i + 1, c)).Take(PlanTable.MaxRowsBeforeHeader + 1).ToList(), "", options);
                if (problems.Any(p => p.Field == "header")) continue;
                rows = [];
                columns = cells.Max(c => c.Length);
            }
            else if (cells.Count == 0 || cells.Max(c => c.Length) != columns)
            {
                break;
            }
            rows.AddRange(cells.Select(c => (rows.Count + 1, c)));
        }
        return rows;
    }

    private static string Text(OpenXmlElement element)
        => element is TableCell cell
            ? string.Join("", cell.Elements<Paragraph>().Select(Text)).Trim()
            : string.Concat(element.Descendants().Select(e => e switch
            {
                Text t => t.Text,
                TabChar => " ",
                Break => "",
                _ => "",
            }));
}
