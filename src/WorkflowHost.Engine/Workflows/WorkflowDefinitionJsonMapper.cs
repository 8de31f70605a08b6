using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Turns the file's loose shape into a <see cref="WorkflowDefinition"/>, collecting every missing, unknown or malformed
/// property with its path (<c>deadline.reminders[1].at</c>). Whether the pieces fit together is
/// <see cref="WorkflowDefinitionRules"/>' job.
/// </summary>
internal sealed partial class WorkflowDefinitionJsonMapper
{
    private readonly List<string> _problems = [];

    /// <returns>The definition, or null when there are problems (then it would be built from placeholders).</returns>
    public static WorkflowDefinition? Map(DefinitionJson json, out IReadOnlyList<string> problems)
    {
        var mapper = new WorkflowDefinitionJsonMapper();
        var definition = mapper.Definition(json);
        problems = mapper._problems;
        return mapper._problems.Count == 0 ? definition : null;
    }

    private WorkflowDefinition Definition(DefinitionJson json)
    {
        CheckUnknown(json, "");
        return new WorkflowDefinition(
            Id: Required(json.Id, "id"),
            Version: Required(json.Version, "version"),
            AppliesTo: Required(json.AppliesTo, "appliesTo"),
            Title: Required(json.Title, "title"),
            InitialState: Required(json.InitialState, "initialState"),
            States: Each(json.States ?? Missing("states", new List<StateJson?>()), "states", State),
            Transitions: Each(json.Transitions ?? [], "transitions", Transition),
            Deadline: json.Deadline is null ? null : Deadline(json.Deadline, "deadline"),
            Reporting: json.Reporting is null
                ? Missing("reporting", new ReportingRules(0, 0, default, false))
                : Reporting(json.Reporting, "reporting"),
            MissedReportEscalations: Each(json.MissedReportEscalations ?? [], "missedReportEscalations", MissedReportEscalation),
            YearEndSummary: json.YearEndSummary is null ? null : YearEndSummary(json.YearEndSummary, "yearEndSummary"),
            SignOff: json.SignOff ?? false);
    }

    private WorkflowState State(StateJson json, string path)
    {
        CheckUnknown(json, path);
        var final = json.Final ?? false;
        var role = final ? StateRole.Closed : StateRole.Working;
        if (json.Role is { } word)
        {
            if (!StateRoles.ByWord.TryGetValue(word, out role))
                _problems.Add($"{Join(path, "role")}: unknown role '{word}' (expected {string.Join(", ", StateRoles.ByWord.Keys)}; a final state is written \"final\": true)");
            else if (final)
                _problems.Add($"{Join(path, "role")}: a final state has no other role");
        }
        return new WorkflowState(
            Required(json.Name, Join(path, "name")),
            Required(json.Title, Join(path, "title")),
            final,
            json.Refusal is null ? null : Refusal(json.Refusal, Join(path, "refusal")),
            final ? StateRole.Closed : role);
    }

    private WorkflowTransition Transition(TransitionJson json, string path)
    {
        CheckUnknown(json, path);
        var fromPath = Join(path, "from");
        var from = Each(json.From ?? Missing(fromPath, new List<string?>()), fromPath, (name, _) => name);
        return new WorkflowTransition(
            Required(json.Trigger, Join(path, "trigger")),
            Required(json.Title, Join(path, "title")),
            from,
            Required(json.To, Join(path, "to")),
            json.ToWhenPastDue,
            Required(json.Actor, Join(path, "actor")),
            json.RequiresReason ?? false,
            json.Refusal is null ? null : Refusal(json.Refusal, Join(path, "refusal")));
    }

    private RefusalReason Refusal(RefusalJson json, string path)
    {
        CheckUnknown(json, path);
        return new RefusalReason(Required(json.Zh, Join(path, "zh")), Required(json.En, Join(path, "en")));
    }

    private DeadlineRules Deadline(DeadlineJson json, string path)
    {
        CheckUnknown(json, path);
        var overduePath = Join(path, "overdue");
        return new DeadlineRules(
            Each(json.Reminders ?? [], Join(path, "reminders"), Reminder),
            json.Overdue is null ? Missing(overduePath, new OverdueRule(0, default)) : Overdue(json.Overdue, overduePath),
            Each(json.Escalations ?? [], Join(path, "escalations"), Escalation));
    }

    private ReminderRule Reminder(ReminderJson json, string path)
    {
        CheckUnknown(json, path);
        return new ReminderRule(
            Required(json.Name, Join(path, "name")),
            json.CalendarDaysBefore,
            json.LastWorkdayBefore ?? false,
            Time(json.At, Join(path, "at")));
    }

    private OverdueRule Overdue(OverdueJson json, string path)
    {
        CheckUnknown(json, path);
        return new OverdueRule(Required(json.DaysAfterDue, Join(path, "daysAfterDue")), Time(json.At, Join(path, "at")));
    }

    private EscalationRule Escalation(EscalationJson json, string path)
    {
        CheckUnknown(json, path);
        return new EscalationRule(
            Required(json.Step, Join(path, "step")),
            Required(json.WorkdaysAfterDue, Join(path, "workdaysAfterDue")),
            Time(json.At, Join(path, "at")),
            Required(json.Approval, Join(path, "approval")),
            json.Enabled ?? true);
    }

    private ReportingRules Reporting(ReportingJson json, string path)
    {
        CheckUnknown(json, path);
        return new ReportingRules(
            Required(json.DueDay, Join(path, "dueDay")),
            Required(json.ReminderWorkdaysBefore, Join(path, "reminderWorkdaysBefore")),
            Time(json.At, Join(path, "at")),
            json.StopsWhenClosed ?? false);
    }

    private MissedReportEscalationRule MissedReportEscalation(MissedReportEscalationJson json, string path)
    {
        CheckUnknown(json, path);
        return new MissedReportEscalationRule(
            Required(json.Step, Join(path, "step")),
            Required(json.ConsecutiveMissed, Join(path, "consecutiveMissed")),
            Required(json.Approval, Join(path, "approval")));
    }

    private YearEndSummaryRule YearEndSummary(YearEndSummaryJson json, string path)
    {
        CheckUnknown(json, path);
        return new YearEndSummaryRule(
            Required(json.Month, Join(path, "month")),
            Required(json.Day, Join(path, "day")),
            Time(json.At, Join(path, "at")));
    }

    private List<TOut> Each<TIn, TOut>(List<TIn?> items, string path, Func<TIn, string, TOut> map)
        where TIn : class
    {
        var result = new List<TOut>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (items[i] is { } item)
                result.Add(map(item, itemPath));
            else
                _problems.Add($"{itemPath} is null");
        }
        return result;
    }

    private string Required(string? value, string path) => value ?? Missing(path, "");

    private int Required(int? value, string path) => value ?? Missing(path, 0);

    private T Missing<T>(string path, T placeholder)
    {
        _problems.Add($"{path} is missing");
        return placeholder;
    }

    // Strict HH:mm: "9:00" or "09:00:00" would parse as TimeOnly, but a file people copy from should show one way to write a time.
    private TimeOnly Time(string? text, string path)
    {
        if (text is null)
            return Missing(path, default(TimeOnly));
        if (!TimeOfDay().IsMatch(text))
        {
            _problems.Add($"{path}: bad time '{text}' (expected HH:mm, 00:00 to 23:59)");
            return default;
        }
        return TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);
    }

    private void CheckUnknown(JsonObject json, string path)
    {
        if (json.Unknown is not { Count: > 0 } unknown)
            return;
        var where = path.Length == 0 ? "at the top level" : $"in {path}";
        var known = string.Join(", ", KnownProperties(json.GetType()));
        foreach (var name in unknown.Keys)
            _problems.Add($"unknown property '{name}' {where} (known: {known})");
    }

    private static IEnumerable<string> KnownProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(JsonObject.Unknown))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimeOfDay();
}
