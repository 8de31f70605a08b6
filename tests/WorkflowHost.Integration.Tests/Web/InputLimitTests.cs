using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Findings 1, 2, 4, 5, 10 and 11 of the attacker's review, each as it was found: figures with no limits, an extension
/// to 9999-12-31 that broke its approval, a clock moved by int.MaxValue days, a briefing of year 0, a time without an
/// offset read as the server's zone, a report filed while an extension request waits. Each is refused with a Chinese
/// problem naming the field, and nothing is stored.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class InputLimitTests(WebHostFixture host)
{
    private const string FiguresUnit = "临夏回族自治州";
    private const string ExtensionUnit = "定西市";
    private const string WaitingUnit = "陇南市";

    public static TheoryData<string, string, string> RefusedFigures() => new()
    {
        // case, figures as JSON, what the problem says
        { "decimal-max", """{"MAX": 79228162514264337593543950335}""", "超出范围" },
        { "over-a-trillion", """{"检查企业": 1000000000000.5}""", "超出范围" },
        { "control-in-name", """{"a\u0001b": 1}""", "控制字符 U+0001" },
        { "line-break-in-name", """{"a\nb": 1}""", "控制字符 U+000A" },
        { "blank-name", """{"  ": 1}""", "数据名称不能为空" },
        { "long-name", JsonSerializer.Serialize(new Dictionary<string, decimal> { [new string('名', InputLimits.FigureNameLength + 1)] = 1 }), "超过 50 个字符" },
        { "too-many", JsonSerializer.Serialize(Enumerable.Range(1, InputLimits.FiguresPerReport + 1).ToDictionary(i => $"项{i}", i => (decimal)i)), "最多 50 项" },
        { "five-decimals", """{"比例": 0.12345}""", "小数" },
    };

    [Theory]
    [MemberData(nameof(RefusedFigures))]
    public async Task Figures_beyond_the_limits_are_refused_naming_them_and_nothing_is_stored(string @case, string figures, string message)
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(FiguresUnit));
        var id = await InProgressAsync(clerk);
        var before = Reports(id);

        var sent = await clerk.PostAsync($"/api/assignments/{id}/reports", Json($$"""{"text":"本月进展","figures":{{figures}}}"""));

        Assert.Contains(message, await ProblemAsync(sent, HttpStatusCode.BadRequest));
        Assert.Equal(before, Reports(id));
        Assert.NotEmpty(@case);
    }

    [Fact]
    public async Task Figures_at_the_limits_are_accepted_exactly()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(FiguresUnit));
        // The last of its tasks: the accepted report must not crowd another test's report out of the month's briefing.
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Last().GetProperty("id").GetInt64();
        var figures = Enumerable.Range(1, InputLimits.FiguresPerReport - 2).ToDictionary(i => $"项{i}", i => (decimal)i);
        figures[new string('名', InputLimits.FigureNameLength)] = InputLimits.FigureMagnitude;
        figures["负值"] = -InputLimits.FigureMagnitude + 0.0001m;

        var sent = await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "上限之内", figures });

        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        var stored = new SqliteFile(host.DataFolder).Lines($"select figures from reports where assignment_id = {id} and text = '上限之内'").Single();
        var read = JsonSerializer.Deserialize<Dictionary<string, decimal>>(stored)!;
        Assert.Equal(InputLimits.FiguresPerReport, read.Count);
        Assert.Equal(InputLimits.FigureMagnitude, read[new string('名', InputLimits.FigureNameLength)]);
        Assert.Equal(-999_999_999_999.9999m, read["负值"]);
    }

    [Fact]
    public async Task A_figure_name_with_a_control_character_is_refused_on_the_page_too()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(FiguresUnit));
        var id = await InProgressAsync(clerk);
        var before = Reports(id);

        var page = await PageForms.PostAsync(clerk, id, "report", new Dictionary<string, string> { ["text"] = "本月进展", ["figures"] = "a\u0001b: 1" });

        Assert.Contains("控制字符 U+0001", System.Net.WebUtility.HtmlDecode(page));
        Assert.Equal(before, Reports(id));
    }

    [Theory]
    [InlineData("9999-12-31", "不能晚于 2026-12-31")]
    [InlineData("2027-01-01", "不能晚于 2026-12-31")]
    public async Task An_extension_beyond_the_plan_years_horizon_is_refused(string date, string message)
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(ExtensionUnit));
        var id = await InProgressAsync(clerk);

        var sent = await clerk.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date, reason = "工程量大" });

        Assert.Contains(message, await ProblemAsync(sent, HttpStatusCode.Conflict));
        Assert.Equal("in-progress", await StateAsync(clerk, id));
    }

    [Fact]
    public async Task An_extension_stored_beyond_the_calendar_is_refused_at_approval_not_a_server_error()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(ExtensionUnit));
        var group = await host.SignedInAsync("zhuanban");
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Skip(1).First().GetProperty("id").GetInt64();
        var asked = await clerk.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date = "2026-06-30", reason = "工程量大" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        // As a row written before the rule (or a calendar folder that lost a year) would have it.
        new SqliteFile(host.DataFolder).Execute($"update journal set data = '{{\"requestedDate\":\"9999-12-31\"}}' where assignment_id = {id} and event = 'extension-requested'");

        var approved = await group.PostAsJsonAsync($"/api/assignments/{id}/extension/approval", new { note = "同意" });

        Assert.Contains("无法批准", await ProblemAsync(approved, HttpStatusCode.Conflict));
        Assert.Equal("extension-requested", await StateAsync(clerk, id));
        var refused = await group.PostAsJsonAsync($"/api/assignments/{id}/extension/refusal", new { reason = "日期超出工作日历,请重新申请" });
        Assert.True(refused.IsSuccessStatusCode, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_report_is_filed_while_an_extension_request_waits_for_the_decision()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(WaitingUnit));
        var id = await InProgressAsync(clerk);
        var asked = await clerk.PostAsJsonAsync($"/api/assignments/{id}/extension", new { date = "2025-06-30", reason = "资金未到位" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        var before = Reports(id);

        var report = await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = "本月进展" });

        Assert.Contains("已有延期申请待审核", await ProblemAsync(report, HttpStatusCode.Conflict));
        Assert.Equal(before, Reports(id));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3 * 366 + 1)]
    public async Task A_clock_move_by_days_out_of_range_is_a_400_naming_days(int days)
    {
        var admin = await host.SignedInAsync("admin");
        var before = await NowAsync(admin);

        var moved = await admin.PostAsJsonAsync("/api/clock/advance", new { days });

        Assert.Contains("days", await ProblemAsync(moved, HttpStatusCode.BadRequest));
        Assert.InRange(await NowAsync(admin) - before, TimeSpan.Zero, TimeSpan.FromMinutes(1)); // the virtual clock runs at real speed
    }

    [Theory]
    [InlineData("9999-12-31T00:00:00+08:00", "一次最多前进")]
    [InlineData("2027-01-01T09:00:00+08:00", "只载入到 2026 年")]
    public async Task A_clock_move_past_three_years_or_the_calendar_is_refused(string to, string message)
    {
        var admin = await host.SignedInAsync("admin");
        var before = await NowAsync(admin);

        var moved = await admin.PostAsJsonAsync("/api/clock/advance", new { to });

        Assert.Contains(message, await ProblemAsync(moved, HttpStatusCode.Conflict));
        Assert.InRange(await NowAsync(admin) - before, TimeSpan.Zero, TimeSpan.FromMinutes(1)); // the virtual clock runs at real speed
    }

    [Fact]
    public async Task A_time_without_an_offset_is_China_time()
    {
        var admin = await host.SignedInAsync("admin");
        var target = (await NowAsync(admin)).AddMinutes(1);
        var local = target.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:ss");

        var moved = await admin.PostAsJsonAsync("/api/clock/advance", new { to = local });

        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        var now = (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset();
        // Read as the server's zone (UTC here) it would be eight hours later; the virtual clock may run on meanwhile.
        Assert.InRange(now - target, TimeSpan.FromSeconds(-1), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("0000-01", HttpStatusCode.NotFound)]
    [InlineData("9999-12", HttpStatusCode.NotFound)]
    [InlineData("2024-13", HttpStatusCode.BadRequest)]
    public async Task A_briefing_of_a_month_the_calendar_does_not_cover_is_not_found(string month, HttpStatusCode expected)
    {
        var group = await host.SignedInAsync("zhuanban");

        var response = await group.GetAsync($"/api/briefings/{month}/document");

        Assert.Contains(month, await ProblemAsync(response, expected));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<long> InProgressAsync(HttpClient clerk) =>
        (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).First().GetProperty("id").GetInt64();

    private static async Task<string?> StateAsync(HttpClient client, long id) =>
        (await WebTestData.AssignmentAsync(client, id)).GetProperty("assignment").GetProperty("state").GetString();

    private static async Task<DateTimeOffset> NowAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();

    private long Reports(long id) => new SqliteFile(host.DataFolder).Count($"select count(*) from reports where assignment_id = {id}");

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }
}
