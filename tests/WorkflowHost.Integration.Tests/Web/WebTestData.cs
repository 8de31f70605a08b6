using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Small helpers the web tests share: sample files and reading the API.</summary>
public static class WebTestData
{
    /// <summary>A minimal but real PDF (the magic bytes are what the upload check reads).</summary>
    public static byte[] Pdf(string text = "evidence") =>
        System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static async Task<List<JsonElement>> AssignmentsAsync(HttpClient client, string query = "")
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/assignments" + query);
        return list.EnumerateArray().ToList();
    }

    public static async Task<JsonElement> AssignmentAsync(HttpClient client, long id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/assignments/{id}");

    /// <summary>Multipart completion application, with the antiforgery token the API asks of form posts.</summary>
    public static async Task<HttpResponseMessage> ApplyAsync(HttpClient client, long id, string note, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(note, System.Text.Encoding.UTF8), "note" } };
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assignments/{id}/completion") { Content = form };
        var token = await client.GetAsync("/api/antiforgery");
        if (token.IsSuccessStatusCode)
        {
            var body = await token.Content.ReadFromJsonAsync<JsonElement>();
            request.Headers.Add(body.GetProperty("headerName").GetString()!, body.GetProperty("token").GetString());
        }
        return await client.SendAsync(request);
    }
}
