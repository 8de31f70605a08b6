using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// 晾晒 as the offices read it, on 2024-03-05 and 2024-04-15 of the demo: 省直部门(单位) and 市州 ranked apart by the unit's kind in the
/// directory, units with nothing due (甘肃日报社, 甘肃广电总台) not ranked but listed, the rates defined on the page, and
/// the same ranking as a workbook under the board's filter — for the working group only. On a host of its own: the
/// clock moves.
/// </summary>
public sealed partial class RankingPageTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    [Fact]
    public async Task Provincial_units_and_cities_are_ranked_apart_and_only_with_something_due()
    {
        var admin = await host.SignedInAsync("admin");
        var group = await host.SignedInAsync("zhuanban");
        var kinds = UnitKinds();
        // Early March: the first deadlines (29 February) have passed, no report period has ended yet. The media groups
        // carry ongoing tasks only: nothing due, so not ranked — listed apart (they were #1 and #2 with 「—」).
        await AdvanceAsync(admin, "2024-03-05T10:00:00+08:00");
        var march = WebUtility.HtmlDecode(await group.GetStringAsync("/board/ranking"));
        Assert.DoesNotContain(Ranked(Section(march, "ranking-province")), r => r.Unit is "甘肃日报社" or "甘肃广电总台");
        Assert.Matches("尚无到期事项、不参加排名[^<]*甘肃日报社、甘肃广电总台", Section(march, "ranking-province"));
        Assert.All(Ranked(Section(march, "ranking-province")), r => Assert.NotEqual("—", r.OnTime));

        // Mid April: March's reports were due; a unit with reports due only ranks after every unit with a completion due.
        await AdvanceAsync(admin, "2024-04-15T10:00:00+08:00");

        var page = WebUtility.HtmlDecode(await group.GetStringAsync("/board/ranking"));

        var province = Ranked(Section(page, "ranking-province"));
        var regions = Ranked(Section(page, "ranking-regions"));
        Assert.NotEmpty(province);
        Assert.True(regions.Count >= 15, $"{regions.Count} cities ranked"); // 14 市州 and 兰州新区 carry task 5's rule, due in March.
        Assert.All(regions, r => Assert.Equal("region", kinds[r.Unit]));
        Assert.All(province, r => Assert.NotEqual("region", kinds[r.Unit]));
        // Ranked only with something due: no line without a rate, and the two media groups listed apart, unranked.
        Assert.All(province.Concat(regions), r => Assert.False(r.OnTime == "—" && r.Reporting == "—", $"{r.Unit} is ranked with nothing due"));
        Assert.Equal(province.OrderBy(r => r.OnTime == "—").Select(r => r.Unit), province.Select(r => r.Unit));
        // Ranked by 按时办结率 first: never a lower rate above a higher one.
        var rates = province.Where(r => r.OnTime != "—").Select(r => int.Parse(r.OnTime.TrimEnd('%'))).ToList();
        Assert.Equal(rates.OrderByDescending(r => r), rates);
        // 名次 from 1, shared by units that tie (并列), never skipping back.
        var places = province.Select(r => int.Parse(r.Place)).ToList();
        Assert.Equal(1, places[0]);
        Assert.Equal(places.Order(), places);
        Assert.All(places.Select((p, i) => (p, i)), x => Assert.True(x.p == x.i + 1 || x.p == places[x.i - 1], $"place {x.p} at line {x.i + 1}"));
        // The rates are defined where they are read.
        Assert.Contains("按时办结率</strong> = 在完成时限当日", page);
        Assert.Contains("按时报送率</strong> = 在催报", page);
        Assert.Contains("<th>按时报送率</th><th>逾期</th><th>函告</th><th>通报</th><th>约谈</th>", page);

        // The export takes the filter: the cities only, in the page's order, with their counts.
        var filtered = Ranked(Section(WebUtility.HtmlDecode(await group.GetStringAsync("/board/ranking?area=regions")), "ranking-regions"));
        Assert.Contains("href=\"/api/ranking.xlsx?area=regions\"", WebUtility.HtmlDecode(await group.GetStringAsync("/board/ranking?area=regions")));
        var export = await group.GetAsync("/api/ranking.xlsx?area=regions");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheets = Sheets(await export.Content.ReadAsByteArrayAsync());
        var regionSheet = Assert.Single(sheets);
        Assert.Equal("市州", regionSheet.Name);
        Assert.Equal(["名次", "单位", "承办", "已销号", "按时办结率"], regionSheet.Rows[1].Take(5));
        Assert.Equal(filtered.Select(r => (r.Place, r.Unit, r.OnTime, r.Reporting)),
            regionSheet.Rows.Skip(2).Take(filtered.Count).Select(r => (r[0], r[1], r[4], r[7])));
        Assert.All(regionSheet.Rows.Skip(2 + filtered.Count), r => Assert.Equal("无到期事项", r[0]));

        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省应急厅"));
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/ranking.xlsx")).StatusCode);
    }

    private static async Task AdvanceAsync(HttpClient admin, string to) =>
        Assert.True((await admin.PostAsync("/api/clock/advance", new StringContent($$"""{"to":"{{to}}"}""", Encoding.UTF8, "application/json"))).IsSuccessStatusCode);

    private sealed record Line(string Place, string Unit, string OnTime, string Reporting);

    private static string Section(string page, string testId)
    {
        var start = page.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {testId}");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static List<Line> Ranked(string section) => RankedRow().Matches(section)
        .Select(m => new Line(m.Groups["place"].Value, m.Groups["unit"].Value, m.Groups["ontime"].Value.Trim(), m.Groups["reporting"].Value.Trim())).ToList();

    private static Dictionary<string, string> UnitKinds()
    {
        using var units = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "seed-data", "units.json")));
        return units.RootElement.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!, u => u.GetProperty("kind").GetString()!);
    }

    private static List<(string Name, List<List<string>> Rows)> Sheets(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        return part.Workbook.Descendants<Sheet>().Select(sheet => (sheet.Name!.Value!,
            ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList())).ToList();
    }

    [GeneratedRegex("""<td data-label="名次">(?<place>\d+)</td><td data-label="单位"><a [^>]*>(?<unit>[^<]+)</a></td>.*?data-testid="on-time-rate">(?<ontime>[^<]*)<.*?data-testid="reporting-rate">(?<reporting>[^<]*)<""", RegexOptions.Singleline)]
    private static partial Regex RankedRow();
}
