using System.Security.Cryptography;
using System.Text;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Finds and reads a plan: a folder (or its <c>plan.json</c>) whose metadata names the task list, which may be the
/// published text (.txt), or the table offices exchange (.csv / .xlsx). A table file given directly is read with the
/// <c>plan.json</c> beside it. Wrong encodings, missing fields and unreadable files become <see cref="PlanProblem"/>s.
/// </summary>
public static class PlanFiles
{
    public const string MetadataFileName = "plan.json";

    /// <summary>A source read and split into raw tasks, not yet interpreted.</summary>
    public sealed record RawPlan(PlanMetadata Metadata, IReadOnlyList<RawPlanTask> Tasks, string SourcePath, string SourceHash);

    public static RawPlan Read(string path)
    {
        var (metadataPath, sourceOverride) = Locate(path);
        var metadata = PlanMetadataFile.Read(metadataPath);
        var sourcePath = sourceOverride ?? Path.Combine(Path.GetDirectoryName(metadataPath)!, metadata.Source);
        if (!File.Exists(sourcePath))
            throw Invalid(metadataPath, "source", $"the task list '{sourcePath}' does not exist");

        var bytes = File.ReadAllBytes(sourcePath);
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. File.ReadAllBytes(metadataPath)]));
        var name = Path.GetFileName(sourcePath);
        var (tasks, problems) = Path.GetExtension(sourcePath).ToLowerInvariant() switch
        {
            ".txt" => ParseText(bytes, name),
            ".csv" => PlanCsv.Parse(StrictUtf8(bytes, name), name),
            ".xlsx" => PlanXlsx.Parse(bytes, name),
            var other => throw Invalid(sourcePath, "source", $"unsupported task list format '{other}' (expected .txt, .csv or .xlsx)"),
        };
        if (problems.Count > 0) throw new PlanInvalidException(problems);
        return new RawPlan(metadata, tasks, sourcePath, hash);
    }

    private static (IReadOnlyList<RawPlanTask>, IReadOnlyList<PlanProblem>) ParseText(byte[] bytes, string name)
    {
        var result = PlanTextParser.Parse(StrictUtf8(bytes, name), name);
        return (result.Tasks, result.Problems);
    }

    private static (string MetadataPath, string? SourceOverride) Locate(string path)
    {
        if (System.IO.Directory.Exists(path)) return (Path.Combine(path, MetadataFileName), null);
        if (!File.Exists(path)) throw Invalid(path, "path", "no such file or folder");
        if (Path.GetFileName(path).Equals(MetadataFileName, StringComparison.OrdinalIgnoreCase)) return (path, null);
        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, MetadataFileName);
        if (!File.Exists(beside))
            throw Invalid(path, "plan.json", $"a task list needs the plan's facts (year, title, issuer, date) in a {MetadataFileName} beside it");
        return (beside, path);
    }

    /// <summary>Decodes UTF-8 and refuses anything else: a list saved as GBK would otherwise import as mojibake.</summary>
    internal static string StrictUtf8(byte[] bytes, string name)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            if (text.Contains('\0'))
                throw Invalid(name, "encoding", "the file contains NUL characters: it is binary or UTF-16, expected UTF-8 text");
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw Invalid(name, "encoding", $"the file is not valid UTF-8 (byte offset {e.Index}); save it as UTF-8 (GBK/GB18030 is not accepted)");
        }
    }

    internal static PlanInvalidException Invalid(string source, string field, string message) =>
        new([new PlanProblem(source, null, null, field, message)]);
}
