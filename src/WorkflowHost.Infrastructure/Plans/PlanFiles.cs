using System.Security.Cryptography;
using System.Text;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Finds and reads a plan: a folder (or its <c>plan.json</c>) whose metadata names the task list, which may be the
/// published text (.txt), a Word document (.docx: paragraphs or a table), or the table offices exchange (.csv / .xlsx).
/// A list file given directly is read with the <c>plan.json</c> beside it. Wrong encodings, missing fields and
/// unreadable files become <see cref="PlanProblem"/>s. Problems of the list's layout are returned with the tasks that
/// could be read, so the tasks' own problems are reported in the same run.
/// </summary>
public static class PlanFiles
{
    public const string MetadataFileName = "plan.json";

    /// <summary>A source read and split into raw tasks, not yet interpreted.</summary>
    public sealed record RawPlan(PlanMetadata Metadata, IReadOnlyList<RawPlanTask> Tasks, string SourcePath, string SourceHash, IReadOnlyList<PlanProblem> Problems);

    /// <summary>Largest list file read (a long .docx with its styles is a few hundred KB).</summary>
    public const long MaxSourceBytes = 20L * 1024 * 1024;

    public static RawPlan Read(string path)
    {
        var (metadataPath, sourceOverride) = Locate(path);
        var metadata = PlanMetadataFile.Read(metadataPath);
        var sourcePath = sourceOverride ?? Path.Combine(Path.GetDirectoryName(metadataPath)!, metadata.Source);
        if (!File.Exists(sourcePath))
            throw Invalid(metadataPath, "source", $"任务清单文件「{sourcePath}」不存在");
        if (new FileInfo(sourcePath).Length > MaxSourceBytes)
            throw Invalid(sourcePath, "source", $"任务清单文件最大{MaxSourceBytes / 1024 / 1024} MB");

        var bytes = File.ReadAllBytes(sourcePath);
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. File.ReadAllBytes(metadataPath)]));
        var (tasks, problems) = ParseList(bytes, Path.GetFileName(sourcePath), metadata);
        return new RawPlan(metadata, tasks, sourcePath, hash, problems);
    }

    /// <summary>The list formats read, by extension (the import review offers exactly these).</summary>
    public static IReadOnlyList<string> ListExtensions { get; } = [".txt", ".docx", ".csv", ".xlsx"];

    /// <summary>Splits a list file's bytes into raw tasks by its extension: what <see cref="Read"/> does with a file on
    /// disk, and what the web app's import review does with an upload it holds in memory.</summary>
    public static (IReadOnlyList<RawPlanTask> Tasks, IReadOnlyList<PlanProblem> Problems) ParseList(byte[] bytes, string name, PlanMetadata metadata) =>
        Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".txt" => ParseText(bytes, name, metadata),
            ".docx" => PlanDocx.Parse(bytes, name, metadata),
            ".csv" => PlanCsv.Parse(StrictUtf8(bytes, name), name, TableOptions(metadata)),
            ".xlsx" => PlanXlsx.Parse(bytes, name, TableOptions(metadata)),
            var other => throw Invalid(name, "source", $"不支持「{other}」格式的任务清单(可用 .txt、.docx、.csv、.xlsx)"),
        };

    private static PlanTable.Options TableOptions(PlanMetadata metadata) => new(metadata.Columns, metadata.DefaultDeadline is not null);

    private static (IReadOnlyList<RawPlanTask>, IReadOnlyList<PlanProblem>) ParseText(byte[] bytes, string name, PlanMetadata metadata)
    {
        var result = PlanTextParser.Parse(StrictUtf8(bytes, name), name, metadata.AnnexTitle);
        return (result.Tasks, result.Problems);
    }

    private static (string MetadataPath, string? SourceOverride) Locate(string path)
    {
        if (System.IO.Directory.Exists(path)) return (Path.Combine(path, MetadataFileName), null);
        if (!File.Exists(path)) throw Invalid(path, "path", "没有这个文件或文件夹");
        if (Path.GetFileName(path).Equals(MetadataFileName, StringComparison.OrdinalIgnoreCase)) return (path, null);
        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, MetadataFileName);
        if (!File.Exists(beside))
            throw Invalid(path, "plan.json", $"任务清单旁边须有 {MetadataFileName},写明计划的年度、标题、印发单位和日期");
        return (beside, path);
    }

    /// <summary>Decodes UTF-8 and refuses anything else: a list saved as GBK would otherwise import as mojibake.</summary>
    internal static string StrictUtf8(byte[] bytes, string name)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            if (text.Contains('\0'))
                throw Invalid(name, "encoding", "文件中有 NUL 字符:它是二进制或 UTF-16 文件,应为 UTF-8 文本");
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw Invalid(name, "encoding", $"文件不是有效的 UTF-8(第{e.Index}字节);请另存为 UTF-8(不接受 GBK/GB18030)");
        }
    }

    internal static PlanInvalidException Invalid(string source, string field, string message) =>
        new([new PlanProblem(source, null, null, field, message)]);
}
