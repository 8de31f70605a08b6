using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary><c>workflows list|diagram</c>, and a bad definition stopping the host with the file and the problem.</summary>
public sealed class WorkflowVerbTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Diagram_renders_mermaid_and_dot()
    {
        var mermaid = await ProductProcess.RunAsync(_data.Path, "workflows", "diagram", "dated-task");
        var dot = await ProductProcess.RunAsync(_data.Path, "workflows", "diagram", "dated-task", "--version", "1", "--format", "dot");

        Assert.Equal(0, mermaid.ExitCode);
        Assert.StartsWith("stateDiagram-v2", mermaid.Stdout.TrimStart());
        Assert.Contains("申请办结", mermaid.Stdout);
        Assert.Equal(0, dot.ExitCode);
        Assert.StartsWith("digraph", dot.Stdout.TrimStart());
        Assert.Contains("\"completion-applied\" -> \"closed\"", dot.Stdout);
    }

    [Fact]
    public async Task List_names_every_definition()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "workflows", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dated-task.v1", result.Stdout);
        Assert.Contains("ongoing-task.v1", result.Stdout);
    }

    [Fact]
    public async Task An_unknown_definition_is_refused_with_the_known_ones()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "workflows", "diagram", "weekly-task");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no workflow definition 'weekly-task'", result.Stderr);
        Assert.Contains("dated-task.v1", result.Stderr);
    }

    [Fact]
    public async Task A_bad_definition_stops_the_host_naming_the_file_and_the_problem()
    {
        var folder = Path.Combine(_data.Path, "workflows");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "workflows"), "*.json"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var dated = Path.Combine(folder, "dated-task.v1.json");
        File.WriteAllText(dated, File.ReadAllText(dated).Replace("\"to\": \"closed\"", "\"to\": \"archived\""));

        var result = await ProductProcess.RunAsync(_data.Path, new Dictionary<string, string> { ["WorkflowHost__Workflows"] = folder }, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("dated-task.v1.json", result.Stdout + result.Stderr);
        Assert.Contains("archived", result.Stdout + result.Stderr);
    }
}
