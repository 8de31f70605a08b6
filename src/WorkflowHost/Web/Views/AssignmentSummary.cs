using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>One assignment as lists show it: the workbench, the dashboard, the ledger and the API.</summary>
public sealed record AssignmentSummary(
    long Id,
    int TaskNo,
    string TaskContent,
    string? Action,
    long UnitId,
    string UnitName,
    string UnitKind,
    string Role,
    string State,
    string StateTitle,
    StateRole StateRole,
    DateOnly? DueDate,
    string DeadlineText,
    bool PastDue,
    int MissedReports,
    int OpenEscalations,
    int IssuedEscalations,
    DateOnly? ClosedOn,
    TrafficLight Light,
    string DeadlineWords,
    string NextStep,
    string? ReturnedReason = null,
    long? ParentId = null,
    TreeLight? Tree = null)
{
    /// <summary>The extension waiting for a decision (only in an extension-review state): shown wherever it is decided.</summary>
    public ExtensionRequest? Extension { get; init; }

    /// <summary>The unit's part as the task's plan words it (牵头, 分工负责, 成员单位, 负有安全监管职责的部门, 属地落实, 上级下达).</summary>
    public string RoleTitle { get => _roleTitle ?? ChineseTerms.AssignmentRole(Role); init => _roleTitle = value; }
    private readonly string? _roleTitle;

    /// <summary>The light its pages show: its own, or the worst of its open shares below when that is worse.</summary>
    public TrafficLight ShownLight => Light == TrafficLight.Closed || Tree is null ? Light : TreeLights.Worse(Light, Tree.Light);

    /// <summary>Why <see cref="ShownLight"/> is not its own light, if it is not.</summary>
    public string? ShownReason => ShownLight != Light ? Tree!.Reason : null;

    /// <summary>已退回: the last application was returned and the unit has not applied again.</summary>
    public bool Returned => ReturnedReason is not null;

    public bool Closed => Light == TrafficLight.Closed;
    public bool Overdue => StateRole.IsOverdue(PastDue);

    /// <summary>Closed by its due date (or, for an ongoing task, closed at all).</summary>
    public bool ClosedOnTime => Closed && (DueDate is null || ClosedOn <= DueDate);
}

/// <summary>Which assignments a list shows. Unit staff always get their own unit, whatever they ask for; with
/// <paramref name="WithChildren"/>, also the shares under its own (its co-units', its 县区').</summary>
public sealed record AssignmentFilter(long? UnitId = null, string? Action = null, string? State = null, string? Area = null, TrafficLight? Light = null, int? TaskNo = null,
    bool WithChildren = false, Infrastructure.Dashboard.BoardSearch? Search = null, int? PlanYear = null)
{
    public const string AreaProvince = "province";
    public const string AreaRegions = "regions";

    public bool Matches(AssignmentSummary a) =>
        (UnitId is null || a.UnitId == UnitId || WithChildren)
        && (string.IsNullOrEmpty(Action) || a.Action == Action)
        && (string.IsNullOrEmpty(State) || a.State == State)
        && (Light is null || a.Light == Light)
        && (TaskNo is null || a.TaskNo == TaskNo)
        && Area switch
        {
            AreaProvince => a.UnitKind != "region",
            AreaRegions => a.UnitKind == "region",
            _ => true,
        };
}

/// <summary>An extension asked for: the new date and why.</summary>
public sealed record ExtensionRequest(DateOnly Date, string? Reason)
{
    /// <summary>From the journal row of the request; null if it holds no date.</summary>
    public static ExtensionRequest? From(string? data, string? reason) =>
        Infrastructure.Workflows.Commands.ExtensionRequestData.DateOf(data) is { } date ? new ExtensionRequest(date, reason) : null;
}
