using System.Net.Http.Json;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Script-ish and SQL-ish text in free-text fields is stored and shown verbatim, never executed: the API
/// returns it as it came, the page shows it HTML-encoded, and the database is intact afterwards.</summary>
[Collection(WebHostCollection.Name)]
public sealed class HostileTextTests(WebHostFixture host)
{
    private const string Hostile = "<script>alert('x')</script>'; DROP TABLE reports;-- \" onmouseover=\"alert(1)";

    [Fact]
    public async Task A_hostile_report_is_stored_verbatim_and_shown_encoded()
    {
        var clerk = await host.SignedInAsync(WebHostFixture.ClerkOf("省自然资源厅"));
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
}
