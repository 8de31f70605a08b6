using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using WorkflowHost.Hosting;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>
/// The real host in process, like <see cref="Web.WebHostFixture"/>, on its own SQLite file, with two differences so
/// that the database changes only through the fuzzer's requests (else the fingerprint check would see the engine):
/// the virtual clock stands still (speed 0), and the test stops Quartz's schedulers (<see cref="StopSchedulersAsync"/>).
/// </summary>
public sealed class FuzzHostFixture : WebApplicationFactory<Program>
{
    public const string Password = "Gansu@2024";
    private readonly TempFolder _data = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseSetting("WorkflowHost:DataFolder", _data.Path);
        builder.UseSetting("WorkflowHost:Clock:Speed", "0");
        // The fuzzer signs in often and from one address: the password-attempt limits are for people, not for it.
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerAddress", "100000");
        builder.UseSetting("WorkflowHost:Web:PasswordAttemptsPerName", "100000");
    }

    /// <summary>Shuts Quartz's schedulers down (the engine's wake-up and the mail jobs), waiting for a job that is
    /// running to finish: after this only requests change the database. Returns how many were shut down.</summary>
    public async Task<int> StopSchedulersAsync()
    {
        // Named schedulers: each has its factory under its name.
        var schedulers = new List<IScheduler>();
        foreach (var name in new[] { EngineServices.ClusterSchedulerName, NodeEngineWake.SchedulerName })
            schedulers.AddRange(await Services.GetRequiredKeyedService<ISchedulerFactory>(name).GetAllSchedulers());
        schedulers = schedulers.DistinctBy(s => s.SchedulerName).ToList();
        foreach (var scheduler in schedulers) await scheduler.Shutdown(waitForJobsToComplete: true);
        return schedulers.Count;
    }

    /// <summary>A client signed in as <paramref name="userName"/>, with the anti-forgery header every POST carries
    /// (the multipart endpoint needs it; the JSON ones ignore it).</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/session", new { userName, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"sign-in as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = await client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzHostCollection : ICollectionFixture<FuzzHostFixture>
{
    public const string Name = "fuzz host";
}
