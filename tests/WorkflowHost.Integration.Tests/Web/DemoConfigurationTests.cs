using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Demo accounts (published password) exist only in the demo configuration: the real host refuses to start
/// in a production configuration while any is in its database.</summary>
public sealed class DemoConfigurationTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_production_configuration_refuses_a_database_with_demo_accounts()
    {
        await using (await RunningHost.StartAsync(_data.Path)) { }

        var production = await ProductProcess.RunAsync(_data.Path, new Dictionary<string, string> { ["WorkflowHost__Demo__Enabled"] = "false" },
            "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, production.ExitCode);
        Assert.Contains("demo accounts", production.Stdout + production.Stderr);
    }

    [Fact]
    public async Task Demo_accounts_are_refused_on_the_real_clock()
    {
        var result = await ProductProcess.RunAsync(_data.Path, new Dictionary<string, string> { ["WorkflowHost__Clock__Mode"] = "Real" },
            "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("WorkflowHost:Demo:Enabled", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_production_configuration_on_a_fresh_database_starts_without_demo_accounts()
    {
        var production = new Dictionary<string, string> { ["WorkflowHost__Demo__Enabled"] = "false", ["WorkflowHost__Clock__Mode"] = "Real" };
        await using var host = await RunningHost.StartAsync(_data.Path, production);

        var signIn = await host.Http.PostAsync("/api/session", new StringContent("""{"userName":"zhuanban","password":"Gansu@2024"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, signIn.StatusCode);
    }
}
