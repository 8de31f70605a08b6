using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>What the API fuzzer found, one request each, kept as named cases. Before BadRequestProblems each of these
/// answered 500 (the framework's BadHttpRequestException, thrown in Development and a bare 400 in Production); now each
/// is a 4xx problem naming, in Chinese, what is wrong.</summary>
[Collection(FuzzHostCollection.Name)]
public sealed class FuzzRegressionTests(FuzzHostFixture host)
{
    [Theory]
    [InlineData("broken JSON", "{", "请求内容不是有效的 JSON")]
    [InlineData("NaN is not a JSON number", """{"text":"x","figures":{"a":NaN}}""", "请求内容不是有效的 JSON,问题在字段 figures")]
    [InlineData("a figure that is text", """{"text":"x","figures":{"a":"x"}}""", "字段 figures 的值不是数值")]
    [InlineData("figures as an array", """{"text":"x","figures":[1,2]}""", "字段 figures 的值不是对象")]
    [InlineData("a figure beyond decimal", """{"text":"x","figures":{"a":1e400}}""", "字段 figures 的值不是数值")]
    [InlineData("text as a number", """{"text":1}""", "字段 text 的值不是文本")]
    [InlineData("a bad \\u escape", """{"text":"\u00"}""", "请求内容不是有效的 JSON")]
    [InlineData("an array for the body", "[1,2]", "请求内容应为 JSON 对象")]
    [InlineData("a NUL byte for the body", "\u0000", "请求内容不是有效的 JSON")]
    public async Task A_report_body_the_server_cannot_read_is_a_400_naming_it(string why, string body, string detail)
    {
        var clerk = await host.SignedInAsync("yjt-clerk");
        var id = await OwnAssignmentAsync(clerk);

        var response = await clerk.PostAsync($"/api/assignments/{id}/reports", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail, why);
    }

    [Theory]
    [InlineData("an extension date that is not a date", "/api/assignments/{id}/extension", """{"date":"garbage","reason":"x"}""", "字段 date 的值不是日期")]
    [InlineData("a note that is an object", "/api/assignments/{id}/approval", """{"note":{}}""", "字段 note 的值不是文本")]
    [InlineData("a sign-in name that is a number", "/api/session", """{"userName":1,"password":"x"}""", "字段 userName 的值不是文本")]
    [InlineData("an empty body", "/api/assignments/{id}/rejection", "", "缺少请求内容")]
    public async Task Other_bodies_the_server_cannot_read_are_400s_naming_the_field(string why, string path, string body, string detail)
    {
        var clerk = await host.SignedInAsync("yjt-clerk");
        var id = await OwnAssignmentAsync(clerk);

        var response = await clerk.PostAsync(path.Replace("{id}", id.ToString()), new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail, why);
    }

    [Theory]
    [InlineData("a unit id that is not an integer", "/api/assignments?unitId=1.5", "参数 unitId 的值无效,应为整数")]
    [InlineData("a task number beyond int", "/api/assignments?task=9223372036854775808", "参数 task 的值无效,应为整数")]
    [InlineData("a light that is not a colour", "/api/assignments?light=purple", "参数 light 的值无效")]
    [InlineData("a dashboard unit of 1e300", "/api/dashboard?unitId=1e300", "参数 unitId 的值无效,应为整数")]
    public async Task A_query_value_that_does_not_parse_is_a_400_naming_the_parameter(string why, string url, string detail)
    {
        var group = await host.SignedInAsync("zhuanban");

        await AssertProblemAsync(await group.GetAsync(url), HttpStatusCode.BadRequest, detail, why);
    }

    [Fact]
    public async Task A_text_body_where_JSON_is_expected_is_a_415_problem()
    {
        var clerk = await host.SignedInAsync("yjt-clerk");

        var response = await clerk.PostAsync($"/api/assignments/{await OwnAssignmentAsync(clerk)}/reports", new StringContent("{}", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json", "text/plain body");
    }

    [Fact]
    public async Task A_multipart_request_without_a_boundary_is_a_400_problem()
    {
        var clerk = await host.SignedInAsync("yjt-clerk");
        var content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno end"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        var response = await clerk.PostAsync($"/api/assignments/{await OwnAssignmentAsync(clerk)}/completion", content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "表单内容无效", "multipart without a boundary");
    }

    private static async Task<long> OwnAssignmentAsync(HttpClient clerk) =>
        (await clerk.GetFromJsonAsync<JsonElement>("/api/assignments?state=in-progress")).EnumerateArray().First().GetProperty("id").GetInt64();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail, string why)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{why}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), why);
    }
}
