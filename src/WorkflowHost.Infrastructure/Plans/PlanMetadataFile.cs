using System.Text.Json;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>Reads and checks a plan folder's <c>plan.json</c>. Every problem of the file is reported at once.</summary>
internal static class PlanMetadataFile
{
    /// <summary>Longest plan.json read: a few facts and a column map, never a document.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Longest heading, column header or default deadline taken from plan.json.</summary>
    public const int MaxTextLength = 200;

    private sealed record Dto(int? Year, string? Title, string? Issuer, string? IssuedOn, string? Source, ReportingDto? Reporting,
        string? AnnexTitle, string? DefaultDeadline, Dictionary<string, string>? Columns,
        Dictionary<string, Dictionary<string, string>>? LeadOf);

    private sealed record ReportingDto(string? DefaultCadence, Dictionary<string, string>? TaskCadence);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static PlanMetadata Read(string path)
    {
        if (!File.Exists(path)) throw PlanFiles.Invalid(path, "plan.json", "文件不存在");
        if (new FileInfo(path).Length > MaxBytes) throw PlanFiles.Invalid(path, "plan.json", $"plan.json 最大{MaxBytes / 1024} KB");
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(PlanFiles.StrictUtf8(File.ReadAllBytes(path), path), Json);
        }
        catch (JsonException e)
        {
            throw PlanFiles.Invalid(path, "json", $"第{e.LineNumber + 1}行不是有效的 JSON({e.Path})");
        }

        var problems = new List<PlanProblem>();
        void Problem(string field, string message) => problems.Add(new PlanProblem(path, null, null, field, message));

        if (dto is null) { Problem("json", "文件为空"); throw new PlanInvalidException(problems); }
        if (dto.Year is not { } year || !PlanYears.Contains(year)) Problem("year", $"应为{PlanYears.First}至{PlanYears.Last}之间的年份,这里是「{dto.Year}」");
        if (string.IsNullOrWhiteSpace(dto.Title)) Problem("title", "缺少计划标题");
        if (string.IsNullOrWhiteSpace(dto.Issuer)) Problem("issuer", "缺少印发单位");
        if (string.IsNullOrWhiteSpace(dto.Source)) Problem("source", "缺少任务清单文件名(.txt、.docx、.csv 或 .xlsx)");
        if (!DateOnly.TryParseExact(dto.IssuedOn, "yyyy-MM-dd", out var issuedOn)) Problem("issuedOn", $"应为 YYYY-MM-DD 格式的日期,这里是「{dto.IssuedOn}」");
        CheckLength(dto.AnnexTitle, "annexTitle", Problem);
        CheckLength(dto.DefaultDeadline, "defaultDeadline", Problem);
        if (dto.DefaultDeadline is { Length: > 0 and <= MaxTextLength } fallback && dto.Year is { } planYear && PlanYears.Contains(planYear))
        {
            try { DeadlineParser.Parse(fallback, planYear); }
            catch (PlanFormatException e) { problems.Add(new PlanProblem(path, null, null, "defaultDeadline", e.Message) { Hint = e.Hint }); }
        }
        var columns = new Dictionary<string, string>();
        foreach (var (field, header) in dto.Columns ?? [])
        {
            if (!PlanTable.Fields.Contains(field)) Problem($"columns.{field}", $"没有这个字段;可映射的字段:{string.Join("、", PlanTable.Fields)}");
            else if (string.IsNullOrWhiteSpace(header) || header.Length > MaxTextLength) Problem($"columns.{field}", $"表头应为1至{MaxTextLength}个字");
            else columns[field] = header.Trim();
        }

        var defaultCadence = Cadence.Monthly;
        var taskCadence = new Dictionary<int, Cadence>();
        try
        {
            defaultCadence = CadenceNames.FromWireName(dto.Reporting?.DefaultCadence) ?? Cadence.Monthly;
        }
        catch (PlanFormatException e) { Problem("reporting.defaultCadence", e.Message); }
        foreach (var (key, value) in dto.Reporting?.TaskCadence ?? [])
        {
            if (!int.TryParse(key, out var no) || no < 1) { Problem("reporting.taskCadence", $"「{key}」不是任务序号"); continue; }
            try { taskCadence[no] = CadenceNames.FromWireName(value) ?? defaultCadence; }
            catch (PlanFormatException e) { Problem($"reporting.taskCadence.{key}", e.Message); }
        }

        var leadOf = new Dictionary<int, IReadOnlyDictionary<string, string>>();
        foreach (var (key, shares) in dto.LeadOf ?? [])
        {
            if (!int.TryParse(key, out var no) || no < 1) { Problem("leadOf", $"「{key}」不是任务序号"); continue; }
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (unit, lead) in shares ?? [])
            {
                if (!IsName(unit) || !IsName(lead)) { Problem($"leadOf.{key}", $"单位名称应为1至{MaxTextLength}个字,不含控制字符"); continue; }
                map[unit.Trim()] = lead.Trim();
            }
            leadOf[no] = map;
        }

        if (problems.Count > 0) throw new PlanInvalidException(problems);
        return new PlanMetadata(new PlanInfo(dto.Year!.Value, dto.Title!, dto.Issuer!, issuedOn), dto.Source!, defaultCadence, taskCadence)
        {
            AnnexTitle = NullIfBlank(dto.AnnexTitle),
            DefaultDeadline = NullIfBlank(dto.DefaultDeadline),
            Columns = columns,
            LeadOf = leadOf,
        };
    }

    private static void CheckLength(string? text, string field, Action<string, string> problem)
    {
        if (text is { Length: > MaxTextLength }) problem(field, $"最多{MaxTextLength}个字,这里有{text.Length}个字");
    }

    private static bool IsName(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= MaxTextLength && !text.Any(char.IsControl);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
