using System.Text.Json;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>Reads and checks a plan folder's <c>plan.json</c>.</summary>
internal static class PlanMetadataFile
{
    private sealed record Dto(int? Year, string? Title, string? Issuer, string? IssuedOn, string? Source, ReportingDto? Reporting);

    private sealed record ReportingDto(string? DefaultCadence, Dictionary<string, string>? TaskCadence);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static PlanMetadata Read(string path)
    {
        if (!File.Exists(path)) throw PlanFiles.Invalid(path, "plan.json", "no such file");
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(PlanFiles.StrictUtf8(File.ReadAllBytes(path), path), Json);
        }
        catch (JsonException e)
        {
            throw PlanFiles.Invalid(path, "json", $"not valid JSON at line {e.LineNumber + 1}: {e.Message}");
        }

        var problems = new List<PlanProblem>();
        void Problem(string field, string message) => problems.Add(new PlanProblem(path, null, null, field, message));

        if (dto is null) { Problem("json", "the file is empty"); throw new PlanInvalidException(problems); }
        if (dto.Year is not { } year || !PlanYears.Contains(year)) Problem("year", $"expected a year between {PlanYears.First} and {PlanYears.Last}, found '{dto.Year}'");
        if (string.IsNullOrWhiteSpace(dto.Title)) Problem("title", "missing");
        if (string.IsNullOrWhiteSpace(dto.Issuer)) Problem("issuer", "missing");
        if (string.IsNullOrWhiteSpace(dto.Source)) Problem("source", "missing: name the task list file (.txt, .csv or .xlsx)");
        if (!DateOnly.TryParseExact(dto.IssuedOn, "yyyy-MM-dd", out var issuedOn)) Problem("issuedOn", $"expected a date YYYY-MM-DD, found '{dto.IssuedOn}'");

        var defaultCadence = Cadence.Monthly;
        var taskCadence = new Dictionary<int, Cadence>();
        try
        {
            defaultCadence = CadenceNames.FromWireName(dto.Reporting?.DefaultCadence) ?? Cadence.Monthly;
        }
        catch (PlanFormatException e) { Problem("reporting.defaultCadence", e.Message); }
        foreach (var (key, value) in dto.Reporting?.TaskCadence ?? [])
        {
            if (!int.TryParse(key, out var no) || no < 1) { Problem("reporting.taskCadence", $"'{key}' is not a task number"); continue; }
            try { taskCadence[no] = CadenceNames.FromWireName(value) ?? defaultCadence; }
            catch (PlanFormatException e) { Problem($"reporting.taskCadence.{key}", e.Message); }
        }

        if (problems.Count > 0) throw new PlanInvalidException(problems);
        return new PlanMetadata(new PlanInfo(dto.Year!.Value, dto.Title!, dto.Issuer!, issuedOn), dto.Source!, defaultCadence, taskCadence);
    }
}
