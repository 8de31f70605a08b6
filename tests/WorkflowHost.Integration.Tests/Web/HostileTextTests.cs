using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Script-ish and SQL-ish text in free-text fields is stored and shown verbatim, never executed: the API
/// returns it as it came, the page shows it HTML-encoded, and the database is intact afterwards. Text no document
/// or mail can carry (control characters, unpaired surrogates) or longer than the limit is refused naming the field.</summary>
[Collection(WebHostCollection.Name)]
public sealed class HostileTextTests(WebHostFixture host)
{
    private const string Hostile = "<script>alert('x')</script>'; DROP TABLE reports;-- \" onmouseover=\"alert(1)";

    /// <summary>Kept verbatim everywhere.</summary>
    public static readonly Dictionary<string, string> Accepted = new()
    {
        ["script"] = "<script>alert('x')</script>",
        ["attribute"] = "\"><img src=x onerror=alert(1)>",
        ["sql"] = "'; DROP TABLE reports;-- \" OR 1=1 --",
        ["long"] = new string('长', 9_990) + "<b>end</b>",
        ["bidi"] = "\u202Egnp.exe\u202C \u200B\u200C\u200D\u2067עברית\u2069 العربية \uFEFF 😀",
    };

    /// <summary>Refused with the field and the reason named.</summary>
    public static readonly Dictionary<string, (string Text, string Reason)> Refused = new()
    {
        ["control"] = ("bell\u0007 escape\u001B[31m", "control character U+0007"),
        ["nul"] = ("a\0b", "control character U+0000"),
        ["surrogate"] = ("half \uD800 surrogate", "unpaired surrogate U+D800"),
        ["too-long"] = (new string('长', 10_001), "longer than 10000 characters"),
    };

    /// <summary>Each free-text field of the assignment actions: the unit whose assignments it uses, how the assignment
    /// is brought to where the field is asked for, and where the text shows up again.</summary>
    public static readonly string[] Fields = ["report-text", "apply-note", "extension-reason", "approve-note", "reject-reason", "approve-extension-note", "refuse-extension-reason"];

    private static readonly Dictionary<string, string> UnitOf = new()
    {
        ["report-text"] = "兰州市", ["apply-note"] = "嘉峪关市", ["extension-reason"] = "金昌市", ["approve-note"] = "白银市",
        ["reject-reason"] = "天水市", ["approve-extension-note"] = "武威市", ["refuse-extension-reason"] = "张掖市",
    };

    public static TheoryData<string, string> AcceptedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in Fields) foreach (var value in Accepted.Keys) data.Add(field, value);
        return data;
    }

    public static TheoryData<string, string> RefusedCases()
    {
        var data = new TheoryData<string, string>();
        // A multipart form field is UTF-8, which has no encoding for an unpaired surrogate: only JSON can carry one.
        foreach (var field in Fields) foreach (var value in Refused.Keys.Where(v => !(field == "apply-note" && v == "surrogate"))) data.Add(field, value);
        return data;
    }

    [Fact]
    public async Task A_hostile_report_is_stored_verbatim_and_shown_encoded()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf("省自然资源厅"));
        var id = (await WebTestData.AssignmentsAsync(clerk)).First(a => a.GetProperty("state").GetString() == "in-progress").GetProperty("id").GetInt64();

        var sent = await clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = Hostile });
        var detail = await WebTestData.AssignmentAsync(clerk, id);
        var page = await clerk.GetStringAsync($"/assignments/{id}");

        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        Assert.Contains(detail.GetProperty("reports").EnumerateArray(), r => r.GetProperty("text").GetString() == Hostile);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("\" onmouseover=\"alert(1)", page);
        Assert.Contains("&lt;script&gt;", page);
        // The table the text names is still there.
        Assert.NotEmpty((await WebTestData.AssignmentAsync(clerk, id)).GetProperty("reports").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public async Task Hostile_text_in_every_field_is_stored_verbatim_and_shown_encoded(string field, string value)
    {
        var text = Accepted[value];
        var (clerk, group, id) = await ReadyAsync(field, Array.IndexOf(Accepted.Keys.ToArray(), value));

        var response = await SendAsync(field, clerk, group, id, JsonString(text));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field}/{value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(text, StoredTexts(await WebTestData.AssignmentAsync(group, id)));
        foreach (var reader in new[] { clerk, group })
            AssertShownEncoded(await reader.GetStringAsync($"/assignments/{id}"), text);
        // The tables the SQL names are intact: the assignment, its reports and its journal still read.
        Assert.NotEmpty((await WebTestData.AssignmentAsync(group, id)).GetProperty("timeline").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task Text_no_document_can_carry_is_refused_naming_the_field_and_nothing_changes(string field, string value)
    {
        var (text, reason) = Refused[value];
        // Refused cases use assignments the accepted ones leave alone (after them in the unit's list).
        var (clerk, group, id) = await ReadyAsync(field, Accepted.Count);
        var before = await WebTestData.AssignmentAsync(group, id);

        var response = await SendAsync(field, clerk, group, id, JsonString(text));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}/{value}: {(int)response.StatusCode} {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(reason, detail);
        Assert.Contains(field.Split('-')[^1], detail);
        var after = await WebTestData.AssignmentAsync(group, id);
        Assert.Equal(before.GetProperty("assignment").GetProperty("state").GetString(), after.GetProperty("assignment").GetProperty("state").GetString());
        Assert.Equal(before.GetProperty("timeline").GetArrayLength(), after.GetProperty("timeline").GetArrayLength());
        Assert.Equal(before.GetProperty("reports").GetArrayLength(), after.GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task Hostile_text_through_the_pages_forms_is_stored_verbatim_and_the_refusal_is_the_forms_error()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf("平凉市"));
        var group = await host.SignedInAsync("zhuanban");
        var ids = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).Select(a => a.GetProperty("id").GetInt64()).ToList();
        var text = string.Join(" ", Accepted.Values.Where(v => v.Length < 100));

        var reported = await PageForms.PostAsync(clerk, ids[0], "Report", new Dictionary<string, string> { ["text"] = text });
        var applied = await PageForms.PostAsync(clerk, ids[1], "Apply", new Dictionary<string, string> { ["note"] = text }, ("佐证.pdf", WebTestData.Pdf()));
        var rejected = await PageForms.PostAsync(group, ids[1], "Reject", new Dictionary<string, string> { ["reason"] = text, ["confirm"] = "yes" });
        var control = await PageForms.PostAsync(clerk, ids[2], "Report", new Dictionary<string, string> { ["text"] = "bell\u0007" });

        foreach (var page in new[] { reported, applied, rejected }) AssertShownEncoded(page, text);
        Assert.Contains(text, StoredTexts(await WebTestData.AssignmentAsync(group, ids[0])));
        Assert.Equal(2, StoredTexts(await WebTestData.AssignmentAsync(group, ids[1])).Count(t => t == text));
        // A page speaks Chinese only: the English detail stays in the API's problem details and the logs.
        Assert.Contains(host.Services.GetRequiredService<HtmlEncoder>().Encode("报送内容第 5 个字符是控制字符 U+0007"), control);
        Assert.DoesNotContain("control character", control);
        Assert.Empty((await WebTestData.AssignmentAsync(group, ids[2])).GetProperty("reports").EnumerateArray());
    }

    [Fact]
    public async Task A_hostile_upload_name_is_kept_harmless_and_shown_encoded()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf("庆阳市"));
        var id = (await WebTestData.AssignmentsAsync(clerk, "?state=in-progress")).First().GetProperty("id").GetInt64();

        var response = await ApplyWithRawFileNameAsync(clerk, id, "\"><img src=x onerror=alert(1)>'; DROP TABLE evidence_files;--\u202E.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = (await WebTestData.AssignmentAsync(clerk, id)).GetProperty("files").EnumerateArray().Single().GetProperty("fileName").GetString()!;
        // Quotes and angle brackets cannot be part of a file name (SafeName); the rest is kept.
        Assert.Equal("img src=x onerror=alert(1)'; DROP TABLE evidence_files;--\u202E.pdf", name);
        AssertShownEncoded(await clerk.GetStringAsync($"/assignments/{id}"), name);
        var download = await clerk.GetAsync((await WebTestData.AssignmentAsync(clerk, id)).GetProperty("files")[0].GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData("/board")]
    [InlineData("/board/ranking")]
    [InlineData("/board/wall")]
    [InlineData("/api/assignments")]
    public async Task Hostile_filters_in_the_query_string_answer_without_echoing_markup(string path)
    {
        var group = await host.SignedInAsync("zhuanban");
        var query = "?action=" + Uri.EscapeDataString(Accepted["script"]) + "&state=" + Uri.EscapeDataString(Accepted["attribute"])
            + "&area=" + Uri.EscapeDataString(Accepted["sql"]) + "&unit=" + Uri.EscapeDataString("1 OR 1=1");

        var response = await group.GetAsync(path + query);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.DoesNotContain(Accepted["script"], body);
        Assert.DoesNotContain(Accepted["attribute"], body);
        if (path.StartsWith("/api")) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The <paramref name="index"/>-th dated assignment of the field's unit (by id, so the choice does not
    /// move as other cases change states), brought to the state the field is asked in unless it is there already.</summary>
    private async Task<(HttpClient Clerk, HttpClient Group, long Id)> ReadyAsync(string field, int index)
    {
        var clerk = await host.SignedInAsync(WebHostFixture.LeaderOf(UnitOf[field]));
        var group = await host.SignedInAsync("zhuanban");
        var dated = (await WebTestData.AssignmentsAsync(clerk))
            .Where(a => a.GetProperty("dueDate").ValueKind == JsonValueKind.String).OrderBy(a => a.GetProperty("id").GetInt64()).ToList();
        Assert.True(dated.Count > index, $"{UnitOf[field]} has {dated.Count} dated assignments, the test needs {index + 1}");
        var chosen = dated[index];
        var id = chosen.GetProperty("id").GetInt64();
        var state = chosen.GetProperty("state").GetString();
        if (field is "approve-note" or "reject-reason" && state == "in-progress")
            Assert.Equal(HttpStatusCode.OK, (await WebTestData.ApplyAsync(clerk, id, "已完成", ("佐证.pdf", WebTestData.Pdf()))).StatusCode);
        if (field is "approve-extension-note" or "refuse-extension-reason" && state == "in-progress")
            Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(clerk, $"/api/assignments/{id}/extension",
                $"{{\"date\":\"{LaterDate(chosen)}\",\"reason\":\"工程量大\"}}")).StatusCode);
        return (clerk, group, id);
    }

    private static Task<HttpResponseMessage> SendAsync(string field, HttpClient clerk, HttpClient group, long id, string json) => field switch
    {
        "report-text" => PostJsonAsync(clerk, $"/api/assignments/{id}/reports", $"{{\"text\":{json}}}"),
        "apply-note" => ApplyJsonNoteAsync(clerk, id, json),
        "extension-reason" => PostJsonAsync(clerk, $"/api/assignments/{id}/extension", $"{{\"date\":\"2026-12-31\",\"reason\":{json}}}"),
        "approve-note" => PostJsonAsync(group, $"/api/assignments/{id}/approval", $"{{\"note\":{json}}}"),
        "reject-reason" => PostJsonAsync(group, $"/api/assignments/{id}/rejection", $"{{\"reason\":{json}}}"),
        "approve-extension-note" => PostJsonAsync(group, $"/api/assignments/{id}/extension/approval", $"{{\"note\":{json}}}"),
        "refuse-extension-reason" => PostJsonAsync(group, $"/api/assignments/{id}/extension/refusal", $"{{\"reason\":{json}}}"),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>The completion note is a multipart form field, sent as UTF-8 like a browser sends it.</summary>
    private static Task<HttpResponseMessage> ApplyJsonNoteAsync(HttpClient clerk, long id, string json) =>
        WebTestData.ApplyAsync(clerk, id, JsonSerializer.Deserialize<string>(json)!, ("佐证.pdf", WebTestData.Pdf()));

    /// <summary>A completion application whose file name is sent as a hostile client would: HttpClient will not put
    /// quotes and angle brackets into a header value, so the Content-Disposition is written by hand (RFC 5987).</summary>
    private static async Task<HttpResponseMessage> ApplyWithRawFileNameAsync(HttpClient clerk, long id, string fileName)
    {
        var file = new ByteArrayContent(WebTestData.Pdf());
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"files\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}");
        var form = new MultipartFormDataContent { { new StringContent("完成", Encoding.UTF8), "note" } };
        form.Add(file);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assignments/{id}/completion") { Content = form };
        var token = await clerk.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return await clerk.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json) =>
        await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The text as a JSON string literal, with every non-ASCII character escaped, so an unpaired surrogate
    /// travels as <c>\uD800</c> exactly as a hostile client would send it.</summary>
    private static string JsonString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or > '~' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        return builder.Append('"').ToString();
    }

    private static string LaterDate(JsonElement assignment) =>
        DateOnly.Parse(assignment.GetProperty("dueDate").GetString()!).AddDays(60).ToString("yyyy-MM-dd");

    /// <summary>Every free text the API gives back for the assignment: report texts and the timeline's reasons.</summary>
    private static List<string> StoredTexts(JsonElement detail) =>
        detail.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("text").GetString()!)
            .Concat(detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).OfType<string>())
            .ToList();

    private void AssertShownEncoded(string page, string text)
    {
        var encoded = host.Services.GetRequiredService<HtmlEncoder>().Encode(text);
        Assert.Contains(encoded, page);
        foreach (var live in new[] { "<script>alert", "<img src=x", "\" onmouseover=", "<b>end</b>" })
            Assert.DoesNotContain(live, page);
    }
}
