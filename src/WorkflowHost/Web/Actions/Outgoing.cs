using System.Text.Json;
using Mediator;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Workflows.Commands;

namespace WorkflowHost.Web.Actions;

/// <summary>
/// What a unit sends out about an assignment, as data: sent at once, or held as a draft for the unit leader's 签发 and
/// sent later as the leader. One shape for both, so a signed draft runs exactly the command the clerk would have.
/// </summary>
public sealed record Outgoing(string Action, string? Text = null, Dictionary<string, decimal>? Figures = null, string? Note = null,
    DateOnly? Date = null, string? Reason = null)
{
    public const string Report = "report";

    /// <summary>Which actions a clerk's draft may be: what leaves the unit (报送, 申请, and decisions on a child).</summary>
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        [Report] = "进展报送",
        [Triggers.Apply] = "办结申请",
        [Triggers.RequestExtension] = "延期申请",
        [Triggers.Approve] = "确认办结",
        [Triggers.Reject] = "退回",
        [Triggers.ApproveExtension] = "批准延期",
        [Triggers.RefuseExtension] = "不予延期",
    };

    public string Title => Titles.GetValueOrDefault(Action, Action);

    /// <summary>The trigger the state machine must allow for it (a report fires none).</summary>
    public string? Trigger => Action == Report ? null : Action;

    /// <summary>The command, sent now; <paramref name="version"/> (decisions only) is the assignment's version the
    /// reviewer saw, so that a decision on a page older than the last change is refused.</summary>
    public ICommand<CommandResult> ToCommand(long assignmentId, Actor actor, int? version = null) => Action switch
    {
        Report => new SubmitReport(assignmentId, actor, Text ?? "", Figures is { Count: > 0 } ? Figures : null),
        Triggers.Apply => new ApplyForCompletion(assignmentId, actor, Note),
        Triggers.RequestExtension => new RequestExtension(assignmentId, actor, Date ?? default, Reason ?? ""),
        Triggers.Approve => new ApproveCompletion(assignmentId, actor, Note, version),
        Triggers.Reject => new RejectCompletion(assignmentId, actor, Reason ?? "", version),
        Triggers.ApproveExtension => new ApproveExtension(assignmentId, actor, Note, version),
        Triggers.RefuseExtension => new RefuseExtension(assignmentId, actor, Reason ?? "", version),
        _ => throw new InvalidOperationException($"no command for the action '{Action}'"),
    };

    /// <summary>The words a leader reads before signing: the text, note or reason, and the date asked for.</summary>
    public string Summary => string.Join(";", new[] { Text, Note, Reason, Date is { } d ? $"延期至 {d:yyyy-MM-dd}" : null }
        .Where(s => !string.IsNullOrWhiteSpace(s)));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Outgoing FromJson(string json) => JsonSerializer.Deserialize<Outgoing>(json, Json)
        ?? throw new InvalidOperationException("an empty sign-off payload");
}
