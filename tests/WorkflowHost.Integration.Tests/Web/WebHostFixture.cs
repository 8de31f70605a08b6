using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The host in process (WebApplicationFactory) on a fresh SQLite file with the 2024 plan and the demo accounts. One per
/// test collection: Quartz allows one scheduler of a name per process, and the import takes seconds.
/// </summary>
public sealed class WebHostFixture : WebApplicationFactory<Program>
{
    public const string Password = "Gansu@2024";
    private readonly TempFolder _data = new();

    public string DataFolder => _data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseSetting("WorkflowHost:DataFolder", _data.Path);
        // Hundreds of sign-ins from one test address within a minute; the limits have their own host (SessionHostFixture).
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerAddress", "100000");
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerName", "100000");
    }

    /// <summary>A client signed in as <paramref name="userName"/> (its own cookie jar).</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/session", new { userName, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"sign-in as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The demo clerk's login of a unit, by the unit's short name, from the unit directory.</summary>
    public static string ClerkOf(string unitName) => LoginStem(unitName) + "-clerk";

    public static string LeaderOf(string unitName) => LoginStem(unitName) + "-leader";

    private static string LoginStem(string unitName)
    {
        using var units = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "seed-data", "units.json")));
        var unit = units.RootElement.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("name").GetString() == unitName);
        return unit.GetProperty("email").GetString()!.Split('@')[0];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class WebHostCollection : ICollectionFixture<WebHostFixture>
{
    public const string Name = "web host";
}
