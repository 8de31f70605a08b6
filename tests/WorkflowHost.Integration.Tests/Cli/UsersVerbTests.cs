using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary><c>users add|list</c>: a production installation (no demo accounts) gets its people, and they can sign in.</summary>
public sealed class UsersVerbTests : IDisposable
{
    private static readonly Dictionary<string, string> Production = new() { ["WorkflowHost__Demo__Enabled"] = "false" };
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private async Task<ProductProcess.Result> AddAsync(string password, params string[] args)
    {
        var info = ProductProcess.StartInfo(_data.Path, ["users", "add", .. args], Production);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProductProcess.Result(process.ExitCode, await stdout, await stderr);
    }

    [Theory]
    [InlineData("short", "li --role unit-clerk --unit 省应急厅", "at least 10 characters")]
    [InlineData("Str0ng!Passw0rd", "li --role unit-clerk --unit 省火星局", "unknown unit '省火星局'")]
    [InlineData("Str0ng!Passw0rd", "li --role unit-clerk", "--unit is required")]
    [InlineData("Str0ng!Passw0rd", "li --role working-group --unit 省应急厅", "--unit is only for")]
    [InlineData("Str0ng!Passw0rd", "li --role superuser", "superuser")]
    [InlineData("Str0ng!Passw0rd", "li --role unit-clerk --unit 省应急厅 --display 李\u0007联络员", "--display has the control character U+0007 at position 2")]
    public async Task Bad_accounts_are_refused_and_nothing_is_added(string password, string args, string message)
    {
        var result = await AddAsync(password, args.Split(' '));
        var list = await ProductProcess.RunAsync(_data.Path, Production, "users", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("li ", list.Stdout);
    }

    [Fact]
    public async Task An_added_clerk_signs_in_to_a_production_host_and_sees_only_their_unit()
    {
        Assert.Equal(0, (await AddAsync("Str0ng!Passw0rd", "li", "--role", "unit-clerk", "--unit", "省应急厅", "--display", "李联络员")).ExitCode);
        Assert.Equal(2, (await AddAsync("Str0ng!Passw0rd", "li", "--role", "working-group")).ExitCode);
        var list = await ProductProcess.RunAsync(_data.Path, Production, "users", "list");
        Assert.Matches(@"li\s+unit-clerk\s+省应急厅", list.Stdout);

        await using var host = await RunningHost.StartAsync(_data.Path, Production);
        var wrong = await host.Http.PostAsJsonAsync("/api/session", new { userName = "li", password = "Wrong!Passw0rd" });
        var right = await host.Http.PostAsJsonAsync("/api/session", new { userName = "li", password = "Str0ng!Passw0rd" });
        // Answered (not 403 "password must be changed"): `users add` records when the password was set.
        var mine = await host.Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/assignments");

        Assert.NotEqual(HttpStatusCode.OK, wrong.StatusCode);
        Assert.True(right.IsSuccessStatusCode, await right.Content.ReadAsStringAsync());
        Assert.NotEmpty(mine!);
        // Its own shares, and those of the co-units it leads (their parent is one of its own).
        var own = mine!.Where(a => a.GetProperty("unitName").GetString() == "省应急厅").Select(a => a.GetProperty("id").GetInt64()).ToHashSet();
        Assert.NotEmpty(own);
        Assert.All(mine!, a => Assert.True(
            a.GetProperty("unitName").GetString() == "省应急厅"
            || a.GetProperty("parentId") is { ValueKind: System.Text.Json.JsonValueKind.Number } parent && own.Contains(parent.GetInt64()),
            a.ToString()));
    }
}
