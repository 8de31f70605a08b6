using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.BadInput;

/// <summary>A damaged unit directory is reported when the plan is imported (not discovered when the 09:00 digest
/// bounces): exit 2, the file, the unit and what is wrong.</summary>
public sealed class DirectoryCorpusTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("\"yjt@gansu.example\"", "\"a..b@gansu.example\"", "email 'a..b@gansu.example'")]
    [InlineData("\"yjt@gansu.example\"", "\"yjt@gansu.gov.cn\"", "email 'yjt@gansu.gov.cn'")]
    [InlineData("\"name\": \"省应急厅\"", "\"name\": \"省公安厅\"", "省公安厅")]
    // A contact the letters would print wrongly: refused in Chinese, naming the unit and the field.
    [InlineData("\"phone\": \"0931-0000003\"", "\"phone\": \"0931 0000003\"", "单位「省应急厅」的联系电话(phone)「0931 0000003」格式不对")]
    [InlineData("\"contact\": \"李联络员\", ", "", "单位「省应急厅」的联系人(contact)未填写")]
    public async Task Plan_import_refuses_a_damaged_directory(string find, string replace, string message)
    {
        var seed = Path.Combine(_data.Path, "seed-data");
        CopyDirectory(Path.Combine(RepoPaths.Root, "seed-data"), seed);
        var units = Path.Combine(seed, "units.json");
        File.WriteAllText(units, File.ReadAllText(units).Replace(find, replace));

        var result = await ProductProcess.RunAsync(_data.Path, new Dictionary<string, string> { ["WorkflowHost__SeedData"] = seed }, "plan", "import");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("units.json", result.Stderr);
        Assert.Contains(message, result.Stderr);
        Assert.False(File.Exists(Path.Combine(_data.Path, "workflowhost.db")), "nothing may be created from a damaged directory");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
