using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Posts an assignment page's forms as a browser would: the page's antiforgery token, multipart fields and
/// files, then follows the redirect back to the page so the test reads what the person sees.</summary>
public static partial class PageForms
{
    public static async Task<string> PostAsync(HttpClient client, long id, string handler, IReadOnlyDictionary<string, string> fields,
        params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetStringAsync($"/assignments/{id}");
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"no antiforgery token on /assignments/{id}");
        var form = new MultipartFormDataContent { { new StringContent(token.Groups[1].Value), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        var response = await client.PostAsync($"/assignments/{id}?handler={handler}", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await client.GetStringAsync(response.Headers.Location!);
    }

    /// <summary>Posts a form of any page (<paramref name="path"/>) with its antiforgery token and returns the page the
    /// redirect lands on.</summary>
    public static async Task<string> PostPageAsync(HttpClient client, string path, string handler, IReadOnlyDictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(path));
        Assert.True(token.Success, $"no antiforgery token on {path}");
        var form = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token.Groups[1].Value)));
        var response = await client.PostAsync($"{path}?handler={handler}", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!));
    }

    /// <summary>Posts a form of a page that may carry a query (its filters) with fields that repeat (ticked boxes), and
    /// returns where the redirect goes.</summary>
    public static async Task<Uri> PostFormAsync(HttpClient client, string path, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(path));
        Assert.True(token.Success, $"no antiforgery token on {path}");
        var form = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token.Groups[1].Value)));
        var response = await client.PostAsync($"{path}{(path.Contains('?') ? '&' : '?')}handler={handler}", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
