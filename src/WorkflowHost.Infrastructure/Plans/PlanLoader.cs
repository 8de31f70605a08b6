using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>Reads a plan from its files and interprets it. Throws <see cref="PlanInvalidException"/> listing every problem
/// of the file: its layout's and every task's, in one run.</summary>
public static class PlanLoader
{
    public static Plan Load(string path, UnitDirectory directory)
    {
        var raw = PlanFiles.Read(path);
        return PlanBuilder.Build(raw.Metadata, raw.Tasks, directory, Path.GetFileName(raw.SourcePath), raw.SourceHash, raw.Problems);
    }
}
