using System.Diagnostics;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary><c>users unlock NAME</c> (issue 11: an administrator's way back in for a locked-out person, audited) and the
/// user-name rule on <c>users add</c> (64 characters, no control characters).</summary>
public sealed class UsersUnlockTests : IDisposable
{
    private static readonly Dictionary<string, string> Production = new() { ["WorkflowHost__Demo__Enabled"] = "false" };
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private SqliteFile Db => new(_data.Path);

    private async Task<ProductProcess.Result> AddAsync(params string[] args)
    {
        var info = ProductProcess.StartInfo(_data.Path, ["users", "add", .. args], Production);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync("Str0ng!Passw0rd");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProductProcess.Result(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Unlock_ends_the_lockout_clears_the_count_and_is_audited()
    {
        Assert.Equal(0, (await AddAsync("li", "--role", "working-group")).ExitCode);
        Db.Execute("update users set lockout_end = '2099-01-01 00:00:00+00:00', access_failed_count = 3 where user_name = 'li'");

        var result = await ProductProcess.RunAsync(_data.Path, Production, "users", "unlock", "li");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("已解除 li 的锁定", result.Stdout);
        Assert.Equal(["|0"], Db.Lines("select lockout_end, access_failed_count from users where user_name = 'li'"));
        var audit = Db.Lines("select action, target, outcome, remote_address, detail from audit where action = 'unlock-user'");
        Assert.Single(audit);
        Assert.StartsWith("unlock-user|user:li|done|console|锁定至 2099-01-01", audit[0]);
        Assert.Contains("失败次数 3", audit[0]);
    }

    [Fact]
    public async Task Unlocking_an_unknown_name_fails_and_writes_nothing()
    {
        Assert.Equal(0, (await AddAsync("li", "--role", "working-group")).ExitCode);
        var audits = Db.Count("select count(*) from audit");

        var result = await ProductProcess.RunAsync(_data.Path, Production, "users", "unlock", "wang");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("没有用户名为 wang 的账号", result.Stderr);
        Assert.Equal(audits, Db.Count("select count(*) from audit"));
    }

    [Theory]
    [InlineData("li\nadmin", "第 3 个字符是控制字符 U+000A")]
    [InlineData("li\tx", "第 3 个字符是控制字符 U+0009")]
    [InlineData("n23456789012345678901234567890123456789012345678901234567890123456789", "不得超过 64 个字符")]
    public async Task Add_refuses_a_name_the_sign_in_form_would_refuse(string name, string why)
    {
        var result = await AddAsync(name, "--role", "working-group");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("用户名 NAME", result.Stderr);
        Assert.Contains(why, result.Stderr);
        // Refused before the database is opened; once it is, it holds nobody.
        await ProductProcess.RunAsync(_data.Path, Production, "users", "list");
        Assert.Equal(0, Db.Count("select count(*) from users"));
    }
}
