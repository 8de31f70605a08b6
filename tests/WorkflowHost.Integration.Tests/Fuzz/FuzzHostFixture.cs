using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>
/// The real host in process, like <see cref="Web.WebHostFixture"/>, on its own SQLite file, with two differences so
/// that the database changes only through the fuzzer's requests (else the fingerprint check would see the engine):
/// the virtual clock stands still (speed 0), and Quartz's hosted services (the engine's wake-up, the mail jobs) are
/// not started.
/// </summary>
public sealed class FuzzHostFixture : WebApplicationFactory<Program>
{
    public const string Password = "Gansu@2024";
    private readonly TempFolder _data = new();

    public int RemovedSchedulers { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseSetting("WorkflowHost:DataFolder", _data.Path);
        builder.UseSetting("WorkflowHost:Clock:Speed", "0");
        builder.ConfigureTestServices(services =>
        {
            var quartz = services.Where(d => d.ServiceType == typeof(IHostedService) && IsQuartz(d)).ToList();
            foreach (var descriptor in quartz) services.Remove(descriptor);
            RemovedSchedulers = quartz.Count;
        });
    }

    private static bool IsQuartz(ServiceDescriptor d)
    {
        var type = d.IsKeyedService
            ? d.KeyedImplementationType ?? d.KeyedImplementationFactory?.Method.ReturnType ?? d.KeyedImplementationInstance?.GetType()
            : d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType ?? d.ImplementationInstance?.GetType();
        var factoryOwner = d.IsKeyedService ? d.KeyedImplementationFactory?.Method.DeclaringType : d.ImplementationFactory?.Method.DeclaringType;
        return (type?.FullName?.Contains("Quartz") ?? false) || (factoryOwner?.FullName?.Contains("Quartz") ?? false);
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
