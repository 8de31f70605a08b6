using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowHost.Engine.Workflows;

// The file's shape, as loosely typed as System.Text.Json allows: every property is optional here so that
// WorkflowDefinitionJsonMapper can name each missing or unknown one with its path, instead of the serializer
// stopping at the first with a message about these internal types.

internal abstract class JsonObject
{
    /// <summary>Properties the format does not have: a misspelt "calendarDayBefore" must be an error, not a silent default.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class DefinitionJson : JsonObject
{
    public string? Id { get; set; }
    public int? Version { get; set; }
    public string? AppliesTo { get; set; }
    public string? Title { get; set; }
    public string? InitialState { get; set; }
    public List<StateJson?>? States { get; set; }
    public List<TransitionJson?>? Transitions { get; set; }
    public DeadlineJson? Deadline { get; set; }
    public ReportingJson? Reporting { get; set; }
    public List<MissedReportEscalationJson?>? MissedReportEscalations { get; set; }
    public YearEndSummaryJson? YearEndSummary { get; set; }
    public bool? SignOff { get; set; }
}

internal sealed class StateJson : JsonObject
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public bool? Final { get; set; }
    public string? Role { get; set; }
    public RefusalJson? Refusal { get; set; }
}

internal sealed class TransitionJson : JsonObject
{
    public string? Trigger { get; set; }
    public string? Title { get; set; }
    public List<string?>? From { get; set; }
    public string? To { get; set; }
    public string? ToWhenPastDue { get; set; }
    public string? Actor { get; set; }
    public bool? RequiresReason { get; set; }
    public RefusalJson? Refusal { get; set; }
}

internal sealed class RefusalJson : JsonObject
{
    public string? Zh { get; set; }
    public string? En { get; set; }
}

internal sealed class DeadlineJson : JsonObject
{
    public List<ReminderJson?>? Reminders { get; set; }
    public OverdueJson? Overdue { get; set; }
    public List<EscalationJson?>? Escalations { get; set; }
}

internal sealed class ReminderJson : JsonObject
{
    public string? Name { get; set; }
    public int? CalendarDaysBefore { get; set; }
    public bool? LastWorkdayBefore { get; set; }
    public string? At { get; set; }
}

internal sealed class OverdueJson : JsonObject
{
    public int? DaysAfterDue { get; set; }
    public string? At { get; set; }
}

internal sealed class EscalationJson : JsonObject
{
    public string? Step { get; set; }
    public int? WorkdaysAfterDue { get; set; }
    public string? At { get; set; }
    public string? Approval { get; set; }
    public bool? Enabled { get; set; }
}

internal sealed class ReportingJson : JsonObject
{
    public int? DueDay { get; set; }
    public int? ReminderWorkdaysBefore { get; set; }
    public string? At { get; set; }
    public bool? StopsWhenClosed { get; set; }
}

internal sealed class MissedReportEscalationJson : JsonObject
{
    public string? Step { get; set; }
    public int? ConsecutiveMissed { get; set; }
    public string? Approval { get; set; }
}

internal sealed class YearEndSummaryJson : JsonObject
{
    public int? Month { get; set; }
    public int? Day { get; set; }
    public string? At { get; set; }
}
