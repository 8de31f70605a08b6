using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Findings 3 and 11 of issue 11 on sign-in: one answer (words and time) for an unknown name, a wrong
/// password and a locked account; limits per address and per name (429, in Chinese); the name rule (400 naming the
/// field); the body cap (413); the audit and the log never carry a hostile name whole or raw.</summary>
[Collection(SessionHostCollection.Name)]
public sealed class SignInLimitTests(SessionHostFixture host)
{
    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password = "Wrong#Passw0rd") =>
        client.PostAsJsonAsync("/api/session", new { userName, password });

    /// <summary>The body without <c>traceId</c>, which differs on every request and says nothing about the name.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Fact]
    public async Task An_unknown_name_a_wrong_password_and_a_locked_account_get_the_same_answer()
    {
        var known = await host.NewUserAsync();
        var locked = await host.NewUserAsync();
        for (var i = 0; i < 5; i++) await SignInAsync(host.Client(), locked);

        var unknown = await SignInAsync(host.Client(), "nobody-" + Guid.NewGuid().ToString("N")[..8]);
        var wrong = await SignInAsync(host.Client(), known);
        var lockedWrong = await SignInAsync(host.Client(), locked);
        var lockedRight = await SignInAsync(host.Client(), locked, SessionHostFixture.Password);

        Assert.All(new[] { unknown, wrong, lockedWrong, lockedRight }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var body = await BodyAsync(unknown);
        Assert.Equal(body, await BodyAsync(wrong));
        Assert.Equal(body, await BodyAsync(lockedWrong));
        Assert.Equal(body, await BodyAsync(lockedRight));
        Assert.Contains("用户名或密码错误", body);
        Assert.DoesNotMatch("[A-Za-z]{4,}", JsonNode.Parse(body)!["detail"]!.GetValue<string>());
        // The audit keeps the true reason for the administrator.
        await using var db = await host.DbAsync();
        Assert.True(await db.Audit.AnyAsync(a => a.User == locked && a.Detail == "账号已锁定"));
    }

    [Fact]
    public async Task An_unknown_name_costs_the_same_hashing_work_as_a_wrong_password()
    {
        var known = await host.NewUserAsync();
        int stored;
        await using (var db = await host.DbAsync())
            stored = CountingPasswordHasher.IterationsOf(await db.Users.Where(u => u.UserName == known).Select(u => u.PasswordHash!).SingleAsync());
        Assert.True(stored >= 10_000, $"the stored hash has {stored} iterations");

        // The work each answer cost, counted (not timed): the iteration counts of the hashes checked. Before the decoy
        // hash an unknown name cost none, and answered in a millisecond where a wrong password took tens.
        async Task<int[]> WorkAsync(string userName)
        {
            CountingPasswordHasher.Verifications.Clear();
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(host.Client(), userName)).StatusCode);
            return [.. CountingPasswordHasher.Verifications];
        }
        Assert.Equal([stored], await WorkAsync(known));
        Assert.Equal([stored], await WorkAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]));
    }

    [Fact]
    public async Task One_name_gets_a_limited_number_of_tries_from_any_number_of_addresses()
    {
        var name = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < SessionHostFixture.PerName; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(host.Client(), name)).StatusCode);

        var refused = await SignInAsync(host.Client(), name);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("登录尝试过于频繁", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("userName", out _));
    }

    [Fact]
    public async Task One_address_gets_a_limited_number_of_tries_on_any_names_page_and_api_together()
    {
        var address = SessionHostFixture.NextAddress();
        var client = host.Client(address);
        var page = await client.GetStringAsync("/account/login");
        var token = SessionHostFixture.AntiforgeryToken().Match(page).Groups[1].Value;
        for (var i = 0; i < SessionHostFixture.PerAddress; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, $"nobody-{i}-{Guid.NewGuid():N}"[..20])).StatusCode);

        var api = await SignInAsync(client, "nobody-else");
        var form = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "nobody-else", ["password"] = "Wrong#Passw0rd",
        }));
        var fromElsewhere = await SignInAsync(host.Client(), "nobody-else");

        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Contains("过于频繁", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.Contains("登录尝试过于频繁", await form.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, fromElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode); // reading the form is not an attempt
    }

    [Theory]
    [InlineData("zhuan\nban", "控制字符 U+000A")]
    [InlineData("zhuanban\r\n2026-12-03 info: forged", "控制字符 U+000D")]
    [InlineData("a\u0001b", "控制字符 U+0001")]
    public async Task A_name_with_a_control_character_is_refused_naming_the_field_and_logged_escaped(string name, string why)
    {
        var response = await SignInAsync(host.Client(), name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("用户名", problem.GetProperty("detail").GetString());
        Assert.Contains(why, problem.GetProperty("detail").GetString());
        Assert.Contains(why, problem.GetProperty("errors").GetProperty("userName")[0].GetString());
        var logged = host.Logs.Entries.Where(e => e.Message.Contains(name.Split('\n', '\r', '\u0001')[0]) && e.Message.Contains("refused")).ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, e => Assert.DoesNotContain(e.Message, c => char.IsControl(c)));
        Assert.Contains(logged, e => e.Message.Contains(why[^6..].Replace("U+", "\\u")));
    }

    [Fact]
    public async Task A_name_longer_than_64_characters_is_refused_and_the_audit_keeps_64_at_most()
    {
        var name = "long-" + new string('名', 295);

        var response = await SignInAsync(host.Client(), name);
        var page = await host.Client().GetStringAsync("/account/login");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("用户名不得超过 64 个字符", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("userName", out _));
        Assert.Contains("maxlength=\"64\"", page);
        await using var db = await host.DbAsync();
        var audited = await db.Audit.Where(a => a.User.StartsWith("long-名")).Select(a => a.User).ToListAsync();
        Assert.Single(audited);
        Assert.Equal(AuditLog.MaxUserLength, audited[0].Length);
    }

    [Fact]
    public async Task A_28_megabyte_name_is_refused_with_413_and_writes_nothing()
    {
        await using var before = await host.DbAsync();
        var audits = await before.Audit.CountAsync();
        var name = new string('x', 28 * 1024 * 1024);

        var response = await SignInAsync(host.Client(), name); // JSON content: sent without a declared length
        var declared = await host.Client().PostAsync("/api/session", new StringContent($"{{\"userName\":\"{new string('x', 5000)}\",\"password\":\"x\"}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请求内容过大", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await using var db = await host.DbAsync();
        Assert.False(await db.Audit.AnyAsync(a => a.User.Length > AuditLog.MaxUserLength || (a.Detail != null && a.Detail.Length > AuditLog.MaxDetailLength)));
        Assert.Equal(audits, await db.Audit.CountAsync());
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Length > 10_000);
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_bad_name_in_chinese_and_does_not_echo_it()
    {
        var client = host.Client();
        var page = await client.GetStringAsync("/account/login");
        var token = SessionHostFixture.AntiforgeryToken().Match(page).Groups[1].Value;

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "evil\u0007name", ["password"] = "Wrong#Passw0rd",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("用户名第 5 个字符是控制字符 U+0007", html);
        Assert.DoesNotContain("evil", html);
    }
}
