using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Finding 9 as found, on the real server (Kestrel; the in-process test server has no body limits): the documented
/// upload limit (20 MB a file, 10 files) could not be reached because the server cut every request at 30 MB, and a
/// larger form lost its connection with no message. Uploads up to the documented size now go through; a body larger
/// than its endpoint allows gets a 413 that says the limit in Chinese; every other endpoint takes a small body only.
/// </summary>
public sealed class RequestSizeTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private RunningHost _host = null!;
    private HttpClient _clerk = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(_data.Path);
        _clerk = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var signIn = await _clerk.PostAsJsonAsync("/api/session", new { userName = WebHostFixture.ClerkOf("甘南藏族自治州"), password = WebHostFixture.Password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Two_fifteen_megabyte_files_go_through()
    {
        var id = await InProgressAsync();

        var applied = await WebTestData.ApplyAsync(_clerk, id, "两份佐证材料", ("验收报告.pdf", PaddedPdf(15)), ("整改台账.pdf", PaddedPdf(15)));

        Assert.True(applied.IsSuccessStatusCode, $"{(int)applied.StatusCode} {await applied.Content.ReadAsStringAsync()}");
        var files = (await WebTestData.AssignmentAsync(_clerk, id)).GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
    }

    [Fact]
    public async Task A_JSON_body_over_the_small_limit_is_a_413_problem_in_Chinese_and_nothing_is_stored()
    {
        var id = await InProgressAsync();
        var reports = (await WebTestData.AssignmentAsync(_clerk, id)).GetProperty("reports").GetArrayLength();

        var sent = await _clerk.PostAsJsonAsync($"/api/assignments/{id}/reports", new { text = new string('报', 600_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sent.StatusCode);
        Assert.Equal("application/problem+json", sent.Content.Headers.ContentType?.MediaType);
        var problem = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("最多接受 512 KB", problem.GetProperty("detail").GetString());
        Assert.Equal(reports, (await WebTestData.AssignmentAsync(_clerk, id)).GetProperty("reports").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/assignments/1/completion", "application/problem+json", "一次最多上传 10 个文件,每个不超过 20 MB")]
    [InlineData("/assignments/1?handler=apply", "text/html", "一次最多上传 10 个文件,每个不超过 20 MB")]
    public async Task An_upload_declared_over_the_limit_is_answered_with_a_413_that_says_the_limit(string path, string mediaType, string message)
    {
        // Only the head of a 300 MB request is sent: the answer must come before the body, so a browser sees it.
        var (status, headers, body) = await SendHeadOnlyAsync(path, 300L * 1024 * 1024);

        Assert.Equal(413, status);
        Assert.Contains($"Content-Type: {mediaType}", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(message, body);
    }

    private async Task<long> InProgressAsync() =>
        (await WebTestData.AssignmentsAsync(_clerk, "?state=in-progress")).First(a => a.GetProperty("state").GetString() == "in-progress").GetProperty("id").GetInt64();

    /// <summary>A real PDF head, padded with a comment to <paramref name="megabytes"/> MB.</summary>
    private static byte[] PaddedPdf(int megabytes)
    {
        var pdf = WebTestData.Pdf();
        var padded = new byte[megabytes * 1024 * 1024];
        pdf.AsSpan(0, pdf.Length - 6).CopyTo(padded);
        padded.AsSpan(pdf.Length - 6, padded.Length - pdf.Length).Fill((byte)' ');
        "%%EOF\n"u8.CopyTo(padded.AsSpan(padded.Length - 6));
        return padded;
    }

    private async Task<(int Status, string Headers, string Body)> SendHeadOnlyAsync(string path, long contentLength)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {_host.BaseAddress.Authority}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {contentLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(response.Split(' ')[1]), response[..split], response[(split + 4)..]);
    }
}
