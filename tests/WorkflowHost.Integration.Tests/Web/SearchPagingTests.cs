using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Issue 15 part 2 without a browser: the search box finds a task by number, by words of its content and a unit by an
/// alias, in SQL; the filtered list pages to its last row with its total (「共 N 项,第 x/y 页」) and nothing is cut
/// silently (today's <c>/board?area=regions</c> showed 300 of 585); the view survives links, exports and a decision;
/// a bad search or page number is refused in Chinese on the page (problem details on the API) with nothing changed.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed partial class SearchPagingTests(WebHostFixture host)
{
    private DashboardQueries Board => host.Services.GetRequiredService<DashboardQueries>();
    private SearchText Search => host.Services.GetRequiredService<SearchText>();
    private AssignmentQueries Assignments => host.Services.GetRequiredService<AssignmentQueries>();

    [Fact]
    public async Task The_search_finds_a_task_by_number_by_words_and_a_unit_by_alias()
    {
        var task3 = await Board.GetAsync(new AssignmentFilter(TaskNo: 3));
        Assert.True(task3.Total > 0);
        foreach (var named in new[] { "任务3", "第3项", " 任务 3 " })
        {
            var byNumber = await Board.GetAsync(new AssignmentFilter(Search: Search.Read(named).Search));
            Assert.Equal(task3.Total, byNumber.Total);
            Assert.All(byNumber.Listed, a => Assert.Equal(3, a.TaskNo));
        }
        // A bare number is a task number and also words (「31个子方案」): task 3 and more.
        var bare = await Board.GetAsync(new AssignmentFilter(Search: Search.Read("3").Search));
        Assert.True(bare.Total > task3.Total, $"「3」: {bare.Total}, task 3 alone has {task3.Total}");

        string words;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            words = (await db.PlanTasks.SingleAsync(t => t.No == 17)).Content[2..10];
        var byWords = await Board.GetAsync(new AssignmentFilter(Search: Search.Read(words).Search));
        Assert.True(byWords.Total > 0, $"nothing found for 「{words}」");
        Assert.All(byWords.Listed, a => Assert.Contains(words, a.TaskContent));
        Assert.Contains(byWords.Listed, a => a.TaskNo == 17);

        // 省安委办 is an alias of 省安委会办公室 in the directory, not a name in the database.
        var office = (await Board.UnitsAsync()).Single(u => u.Name == "省安委会办公室");
        var byAlias = await Board.GetAsync(new AssignmentFilter(Search: Search.Read("省安委办").Search));
        var ofOffice = await Board.GetAsync(new AssignmentFilter(UnitId: office.Id));
        Assert.Equal(ofOffice.Total, byAlias.Total);
        Assert.All(byAlias.Listed, a => Assert.Equal("省安委会办公室", a.UnitName));

        // Filters and search together: the regions' shares of task 5 only.
        var both = await Board.GetAsync(new AssignmentFilter(Area: AssignmentFilter.AreaRegions, Search: Search.Read("5").Search));
        Assert.True(both.Total > 0);
        Assert.All(both.Listed, a => Assert.Equal("region", a.UnitKind));
    }

    [Fact]
    public async Task A_filtered_list_pages_to_its_last_row_and_a_page_past_the_end_shows_the_last()
    {
        var filter = new AssignmentFilter(Area: AssignmentFilter.AreaRegions);
        var all = (await Assignments.ListAsync(filter)).Select(a => a.Id).ToList();
        var first = await Board.GetAsync(filter);
        Assert.Equal(all.Count, first.Total);
        Assert.True(all.Count > 2 * DashboardQueries.ListedPage, $"only {all.Count} rows: the test needs several pages");

        var pages = (all.Count + DashboardQueries.ListedPage - 1) / DashboardQueries.ListedPage;
        var read = new List<long>();
        for (var page = 1; page <= pages; page++) read.AddRange((await Board.GetAsync(filter, listedPage: page)).Listed.Select(a => a.Id));
        Assert.Equal(all, read);

        var past = await Board.GetAsync(filter, listedPage: pages + 40);
        Assert.Equal(all[((pages - 1) * DashboardQueries.ListedPage)..], past.Listed.Select(a => a.Id));
        Assert.Equal(pages, DashboardQueries.ListedPaging(first.Total, pages + 40).Number);

        var group = await host.SignedInAsync("zhuanban");
        var html = await PageAsync(group, $"/board?area=regions&page={pages}");
        Assert.True(html.Contains($"共 {all.Count} 项,第 {pages}/{pages} 页"), string.Join(" | ", Regex.Matches(html, "共[^<]{0,30}").Select(m => m.Value)));
        Assert.Contains($"data-assignment=\"{all[^1]}\"", html);
        // The pager's links keep the filter.
        var second = await PageAsync(group, "/board?area=regions");
        Assert.Contains("href=\"?area=regions&page=2#filtered\"", second);
        Assert.Contains($"共 {all.Count} 项,第 1/{pages} 页", second);
    }

    [Fact]
    public async Task A_bad_search_or_page_is_refused_in_Chinese_and_changes_nothing()
    {
        var group = await host.SignedInAsync("zhuanban");
        var plain = await PageAsync(group, "/board?area=regions");
        var tooLong = new string('安', SearchText.MaxLength + 1);

        foreach (var (query, told) in new[]
        {
            ($"q={tooLong}", "搜索框最多 50 个字符"), ("q=%E4%BB%BB%01%E5%8A%A1", "搜索框不能含"), ("page=0", "页码须为"),
            ("page=-3", "页码须为"), ("page=abc", "页码须为"), ("page=99999999999", "页码须为"),
        })
        {
            var response = await group.GetAsync($"/board?area=regions&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains(told, Problem().Match(page).Groups[1].Value);
            Assert.DoesNotContain("(search", page);
            Assert.DoesNotContain("(page", page);
            // Nothing changed: the same list as without the refused part.
            Assert.Equal(Listed(plain), Listed(page));
        }

        var unit = await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"));
        var unitPage = await PageAsync(unit, $"/unit?q={tooLong}");
        Assert.Contains("搜索框最多 50 个字符", Problem().Match(unitPage).Groups[1].Value);
        Assert.Equal(Listed(await PageAsync(unit, "/unit")), Listed(unitPage));
        Assert.Contains("页码须为", Problem().Match(await PageAsync(group, "/board/documents?page=x")).Groups[1].Value);

        foreach (var path in new[] { "/api/assignments", "/api/ledger.xlsx", "/api/documents", "/api/documents/export" })
        {
            var api = await group.GetAsync($"{path}?q={tooLong}");
            Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("50", problem.GetProperty("errors").GetProperty("q")[0].GetString());
        }
    }

    [Fact]
    public async Task The_unit_list_and_the_ledger_export_keep_the_search()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"));
        var unitId = (await Board.UnitsAsync()).Single(u => u.Name == "省应急厅").Id;
        var own = await Assignments.ListAsync(new AssignmentFilter(unitId));
        Assert.True(own.Count > IndexPageSize, $"省应急厅 carries {own.Count}: the test needs two pages");

        var first = await PageAsync(clerk, "/unit");
        var pages = (own.Count + IndexPageSize - 1) / IndexPageSize;
        Assert.Contains($"共 {own.Count} 项,第 1/{pages} 页", first);
        Assert.Equal(IndexPageSize, Listed(first).Count);
        var last = await PageAsync(clerk, $"/unit?page={pages}");
        Assert.Equal(own.Count - (pages - 1) * IndexPageSize, Listed(last).Count);
        Assert.Empty(Listed(first).Intersect(Listed(last)));

        var no = own[^1].TaskNo;
        var searchedList = await PageAsync(clerk, $"/unit?q=任务{no}");
        Assert.NotEmpty(Listed(searchedList));
        Assert.All(TaskNumbers(searchedList), n => Assert.Equal(no, n));
        Assert.Contains($"共 {own.Count(a => a.TaskNo == no)} 项", searchedList);
        // A task opened from the searched list leads back to it.
        Assert.Contains("?back=" + Uri.EscapeDataString("/unit?q=" + Uri.EscapeDataString($"任务{no}")), searchedList);

        var group = await host.SignedInAsync("zhuanban");
        var regions = (await Board.GetAsync(new AssignmentFilter(Area: AssignmentFilter.AreaRegions))).Total;
        Assert.Equal(regions, (await LedgerRowsAsync(group, "?area=regions")).Count - 2);
        var task3 = (await Board.GetAsync(new AssignmentFilter(TaskNo: 3))).Total;
        var searched = await LedgerRowsAsync(group, "?q=" + Uri.EscapeDataString("任务3"));
        Assert.True(searched.Count - 2 >= task3 && searched.Skip(2).Any(r => r[1] == "3"));
        Assert.Contains("href=\"/api/ledger.xlsx?area=regions\"", await PageAsync(group, "/board?area=regions"));
    }

    [Fact]
    public async Task A_decision_returns_to_the_filtered_view_it_was_made_from()
    {
        var leader = await host.SignedInAsync(WebHostFixture.LeaderOf("省住建厅"));
        var group = await host.SignedInAsync("zhuanban");
        var id = (await WebTestData.AssignmentsAsync(leader, "?state=in-progress")).Last().GetProperty("id").GetInt64();
        Assert.True((await WebTestData.ApplyAsync(leader, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).IsSuccessStatusCode);
        var unitId = (await WebTestData.AssignmentAsync(group, id)).GetProperty("assignment").GetProperty("unitId").GetInt64();
        var back = $"/board?unit={unitId}&q=%E4%BD%8F%E5%BB%BA&page=1";

        var board = await PageAsync(group, $"/board?unit={unitId}&q=%E4%BD%8F%E5%BB%BA");
        Assert.Contains($"/assignments/{id}?back=", board);
        // Refused (a return without a reason): back on the task's page, still knowing the list.
        var refused = await PostAsync(group, id, back, "Reject", new() { ["confirm"] = "yes" });
        Assert.Equal($"/assignments/{id}?back={Uri.EscapeDataString(back)}", refused.ToString());
        // Decided: back to the filtered, searched list, where the outcome is shown.
        var approved = await PostAsync(group, id, back, "Approve", new() { ["note"] = "同意", ["confirm"] = "yes" });
        Assert.Equal(back, approved.ToString());
        Assert.Contains("flash ok", await PageAsync(group, back));
        // Only our own lists are followed.
        var elsewhere = await PageAsync(group, $"/assignments/{id}?back=https%3A%2F%2Fexample.com%2Fboard");
        Assert.DoesNotContain("example.com", elsewhere);
    }

    private const int IndexPageSize = WorkflowHost.Web.Pages.Unit.IndexModel.PageSize;

    private static async Task<Uri> PostAsync(HttpClient client, long id, string back, string handler, Dictionary<string, string> fields)
    {
        var path = $"/assignments/{id}?back={Uri.EscapeDataString(back)}";
        var token = Token().Match(await client.GetStringAsync(path));
        Assert.True(token.Success);
        var form = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token.Groups[1].Value)));
        var response = await client.PostAsync($"{path}&handler={handler}", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    /// <summary>The assignments a page lists (on /unit, those of its own list, not the confirmation queue above it).</summary>
    private static List<string> Listed(string page)
    {
        var start = page.IndexOf("data-testid=\"workbench\"", StringComparison.Ordinal);
        if (start >= 0) page = page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
        return Row().Matches(page).Select(m => m.Groups[1].Value).ToList();
    }

    private static IEnumerable<int> TaskNumbers(string page) =>
        Regex.Matches(page, "data-label=\"任务\"><a href=\"[^\"]+\">任务(\\d+)</a>").Select(m => int.Parse(m.Groups[1].Value));

    private static async Task<List<List<string>>> LedgerRowsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/ledger.xlsx" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        var part = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Descendants<Sheet>().Single().Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<tr[^>]*data-assignment=\"(\\d+)\"")]
    private static partial Regex Row();

    [GeneratedRegex("data-testid=\"search-problem\">([^<]*)<")]
    private static partial Regex Problem();
}
