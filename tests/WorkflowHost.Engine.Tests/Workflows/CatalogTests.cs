using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>The catalog keeps every version, answers which one new assignments get, and refuses a folder it cannot trust.</summary>
public class CatalogTests
{
    private static readonly string MiniV2 = MiniDefinition.With("\"version\": 1,", "\"version\": 2,").Replace("测试流程", "测试流程二", StringComparison.Ordinal);

    [Fact]
    public void EveryVersionIsKept_AndLatestIsTheHighest()
    {
        using var folder = new TempWorkflowFolder();
        folder.Write("mini.v1.json", MiniDefinition.Json);
        folder.Write("mini.v2.json", MiniV2);

        var catalog = WorkflowDefinitionCatalog.Load(folder.FolderPath);

        Assert.Equal(["mini.v1", "mini.v2"], catalog.All.Select(d => d.Key));
        Assert.Equal("测试流程", catalog.Get("mini", 1).Title);
        Assert.Equal(2, catalog.Latest("mini").Version);
        Assert.Equal(2, catalog.LatestFor(DeadlineKind.Due).Version);
    }

    [Fact]
    public void FilesOtherThanJson_AreIgnored()
    {
        using var folder = new TempWorkflowFolder();
        folder.Write("README.md", "# not a definition { ");
        folder.Write(MiniDefinition.FileName, MiniDefinition.Json);

        Assert.Equal(["mini.v1"], WorkflowDefinitionCatalog.Load(folder.FolderPath).All.Select(d => d.Key));
    }

    [Fact]
    public void TheSameIdAndVersionInTwoFiles_IsRejected_NamingBoth()
    {
        using var folder = new TempWorkflowFolder();
        var copy = folder.Write("copy-of-mini.json", MiniDefinition.Json);
        var original = folder.Write(MiniDefinition.FileName, MiniDefinition.Json);

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.Load(folder.FolderPath));

        // Files load in name order, so the second one is the duplicate.
        Assert.StartsWith($"{original}: duplicate workflow mini version 1: it is already defined in {copy}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileNamedForAnotherVersion_IsRejected()
    {
        using var folder = new TempWorkflowFolder();
        var path = folder.Write("mini.v2.json", MiniDefinition.Json);

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.Load(folder.FolderPath));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("id 'mini' version 1 belongs in mini.v1.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWorkflowsForTheSameKind_AreRejected()
    {
        using var folder = new TempWorkflowFolder();
        folder.Write(MiniDefinition.FileName, MiniDefinition.Json);
        var other = folder.Write("other.v1.json", MiniDefinition.With("\"id\": \"mini\"", "\"id\": \"other\""));

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.Load(folder.FolderPath));

        Assert.StartsWith(other, error.Message, StringComparison.Ordinal);
        Assert.Contains("workflow 'other' applies to 'due' tasks, but so does 'mini'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFolder_IsReportedWithItsPath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-workflows-{Guid.NewGuid():N}");

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.Load(missing));

        Assert.StartsWith(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutDefinitions_IsRejected()
    {
        using var folder = new TempWorkflowFolder();
        folder.Write("README.md", "nothing here");

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.Load(folder.FolderPath));

        Assert.Contains("no workflow definition files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LookingUpWhatIsNotThere_SaysWhatIs()
    {
        var catalog = SeedWorkflows.Catalog;

        Assert.Contains("loaded: dated-task.v1, dated-task.v2, ongoing-task.v1, ongoing-task.v2", Assert.Throws<KeyNotFoundException>(() => catalog.Get("dated-task", 9)).Message, StringComparison.Ordinal);
        Assert.Contains("no workflow definition 'dated'", Assert.Throws<KeyNotFoundException>(() => catalog.Latest("dated")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LatestFor_AKindNoWorkflowServes_Throws()
    {
        var catalog = WorkflowDefinitionCatalog.From([SeedWorkflows.Dated]);

        Assert.Throws<KeyNotFoundException>(() => catalog.LatestFor(DeadlineKind.Ongoing));
    }

    [Fact]
    public void DefinitionsBuiltInCode_AreCheckedLikeFiles()
    {
        var broken = SeedWorkflows.Dated with { InitialState = "nowhere" };

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.From([broken]));

        Assert.Contains("initial state 'nowhere' is not a declared state", error.Message, StringComparison.Ordinal);
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.From([SeedWorkflows.Dated, SeedWorkflows.Dated]));
    }
}
