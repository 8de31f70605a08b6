using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using WorkflowHost.Integration.Tests.Mail;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Exports;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// 台账 as an office keeps it, read back with the OpenXml SDK: a running 序号 apart from the task's number, the latest
/// progress with its date and figures, the evidence count; the header frozen and filterable, landscape A4 with the header
/// repeated on every page and every column on one page width — and printed by LibreOffice (installed by
/// <c>.ci/install-prerequisites</c>) to prove the last: every page carries the first and the last column's header, and
/// the pages are as many as the rows need at the width-fitting scale. On a host of its own (its reports change the data).
/// </summary>
public sealed partial class LedgerWorkbookTests(WebHostFixture host) : IClassFixture<WebHostFixture>, IDisposable
{
    private const string Unit = "省应急厅";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_units_ledger_has_its_latest_progress_figures_and_evidence_and_the_office_print_set_up()
    {
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        // Its own rows: the API lists the shares under its lead too, the ledger only the unit's own.
        var open = (await WebTestData.AssignmentsAsync(leader, "?state=in-progress")).Where(Own).ToList();
        var (reported, applied) = (open[0].GetProperty("id").GetInt64(), open[1].GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/assignments/{reported}/reports",
            new { text = "已完成第一轮专项检查。", figures = new Dictionary<string, decimal> { ["检查企业"] = 120 } })).StatusCode);
        Assert.True((await WebTestData.ApplyAsync(leader, applied, "已完成", ("检查记录.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);
        var report = (await WebTestData.AssignmentAsync(leader, reported)).GetProperty("reports").EnumerateArray().Last();
        var reportedOn = report.GetProperty("submittedAt").GetDateTimeOffset().ToString("yyyy-MM-dd");

        var response = await leader.GetAsync("/api/ledger.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single();
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var rows = Rows(worksheet);
        var count = (await WebTestData.AssignmentsAsync(leader)).Count(Own);

        Assert.Equal(LedgerWorkbook.Headers, rows[1]);
        Assert.Equal(count, rows.Count - 2);
        Assert.Equal(Enumerable.Range(1, count).Select(n => n.ToString()), rows.Skip(2).Select(r => r[0])); // 序号 runs 1…N
        Assert.NotEqual(rows.Skip(2).Select(r => r[0]), rows.Skip(2).Select(r => r[1]));                   // and is not the task's number
        Assert.All(rows.Skip(2), r => Assert.Equal(Unit, r[3]));
        var reportedRow = rows.Skip(2).Single(r => r[1] == TaskNo(open[0]));
        Assert.Equal((reportedOn, "已完成第一轮专项检查。", "检查企业 120", "0"), (reportedRow[8], reportedRow[9], reportedRow[10], reportedRow[11]));
        Assert.Equal("1", rows.Skip(2).Single(r => r[1] == TaskNo(open[1]))[11]);

        // Frozen under the header, filterable over every row, the header repeated on every printed page.
        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal((2.0, "A3", PaneStateValues.Frozen), (pane.VerticalSplit!.Value, pane.TopLeftCell!.Value, pane.State!.Value));
        Assert.Equal($"A2:N{count + 2}", worksheet.Elements<AutoFilter>().Single().Reference!.Value);
        var titles = workbook.Workbook.Descendants<DefinedName>().Single(d => d.Name == "_xlnm.Print_Titles");
        Assert.Equal(("'台账'!$2:$2", 0u), (titles.Text, titles.LocalSheetId!.Value));
        // Landscape A4, all columns on one page width, as many pages down as needed.
        var setup = worksheet.Elements<PageSetup>().Single();
        Assert.Equal((OrientationValues.Landscape, 9u, 1u, 0u), (setup.Orientation!.Value, setup.PaperSize!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.True(worksheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        Assert.NotNull(worksheet.Elements<PrintOptions>().SingleOrDefault());
        // Text wraps in set widths, in rows tall enough for it.
        Assert.Equal(LedgerWorkbook.Widths, worksheet.Descendants<Column>().Select(c => c.Width!.Value));
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var content = worksheet.Descendants<Row>().ElementAt(2).Elements<Cell>().ElementAt(2);
        Assert.True(formats[(int)content.StyleIndex!.Value].Alignment!.WrapText!.Value);
        Assert.True(worksheet.Descendants<Row>().ElementAt(2).Height!.Value >= 2 * OfficeWorkbook.LineHeight);
    }

    [Fact]
    public async Task Printed_landscape_every_page_holds_every_column_and_the_header()
    {
        // 省应急厅's own rows: some sixty, with long task texts — several pages.
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf(Unit));
        var response = await leader.GetAsync("/api/ledger.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var xlsx = _temp.File("台账.xlsx");
        await File.WriteAllBytesAsync(xlsx, bytes);
        List<List<string>> rows;
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            rows = Rows(((WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Descendants<Sheet>().Single().Id!)).Worksheet);
        Assert.True(rows.Count - 2 >= 30, $"{rows.Count - 2} rows");

        await ExternalTool.RunAsync("soffice", "--headless", $"-env:UserInstallation=file://{_temp.File("lo-profile")}", "--convert-to", "pdf", "--outdir", _temp.Path, xlsx);
        var pdf = _temp.File("台账.pdf");
        Directory.CreateDirectory(DocumentRenderingTests.Artifacts);
        File.Copy(pdf, Path.Combine(DocumentRenderingTests.Artifacts, "台账.pdf"), overwrite: true);
        var info = await ExternalTool.RunAsync("pdfinfo", pdf);
        var pages = int.Parse(PagesLine().Match(info).Groups[1].Value);
        var size = PageSize().Match(info);
        Assert.True(double.Parse(size.Groups[1].Value) > double.Parse(size.Groups[2].Value), $"not landscape: {info}");
        Assert.Contains("A4", size.Value);
        var numbers = new List<int>();
        for (var page = 1; page <= pages; page++)
        {
            var text = await ExternalTool.RunAsync("pdftotext", "-layout", "-f", page.ToString(), "-l", page.ToString(), pdf, "-");
            // The header on every page, its first and last column both: no column was pushed onto a page of its own.
            Assert.Contains("序号", text);
            Assert.Contains("销号日期", text);
            numbers.AddRange(RowNumber().Matches(text).Select(m => int.Parse(m.Groups[1].Value)));
        }
        // Every row printed once, in order; and no more pages than the rows fill (a page per row would mean cut rows).
        var expectedRows = Enumerable.Range(1, numbers.Count == 0 ? 0 : numbers.Max()).ToList();
        Assert.Equal(expectedRows, numbers);
        Assert.Equal(rows.Count - 2, expectedRows.Count);
        // As many pages as the rows take at the scale that fits the width: no more than at the heights the workbook sets
        // (LibreOffice may fit them tighter), no fewer than if every row were one line. Columns spilling onto pages of
        // their own would double the count; rows cut to a page each would pass the upper bound.
        var heights = RowHeights(bytes);
        var oneLine = heights.Take(2).Concat(heights.Skip(2).Select(_ => OfficeWorkbook.LineHeight + OfficeWorkbook.RowPadding)).ToList();
        Assert.True(pages >= PagesFor(oneLine) && pages <= PagesFor(heights), $"{pages} pages for {expectedRows.Count} rows, expected {PagesFor(oneLine)}–{PagesFor(heights)}");
    }

    /// <summary>The heights of the title, the header and each data row (points), as the workbook sets them.</summary>
    private static List<double> RowHeights(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Descendants<Sheet>().Single().Id!);
        return part.Worksheet.Descendants<Row>().Select(r => r.Height!.Value).ToList();
    }

    /// <summary>
    /// The pages a print of these rows takes on landscape A4 inside the workbook's margins (0.4 in left and right, 0.6 in
    /// top and bottom) when every column is scaled to the page's width: the scale is the printable width over the
    /// columns' width (a column of w characters is 7w + 5 pixels of ¾ pt); the title on the first page only, the header
    /// on every page; a row that does not fit starts the next page.
    /// </summary>
    private static int PagesFor(List<double> heights)
    {
        const double printableWidth = (842 / 72.0 - 0.8) * 72, printableHeight = (595 / 72.0 - 1.2) * 72;
        var columns = LedgerWorkbook.Widths.Sum(w => (7 * w + 5) * 0.75);
        var scale = Math.Min(1, printableWidth / columns);
        var (title, header) = (heights[0] * scale, heights[1] * scale);
        var (pages, used) = (1, title + header);
        foreach (var height in heights.Skip(2).Select(h => h * scale))
        {
            if (used + height > printableHeight) (pages, used) = (pages + 1, header);
            used += height;
        }
        return pages;
    }

    private static bool Own(System.Text.Json.JsonElement assignment) => assignment.GetProperty("unitName").GetString() == Unit;

    private static string TaskNo(System.Text.Json.JsonElement assignment) => assignment.GetProperty("taskNo").GetInt32().ToString();

    private static List<List<string>> Rows(Worksheet worksheet) => worksheet.Descendants<Row>()
        .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"Page size:\s+([\d.]+) x ([\d.]+) pts( \(A4\))?")]
    private static partial Regex PageSize();

    /// <summary>A printed data row's first line starts with its 序号 and then the task's number.</summary>
    [GeneratedRegex(@"^\s*(\d+)\s+\d+\s", RegexOptions.Multiline)]
    private static partial Regex RowNumber();
}
