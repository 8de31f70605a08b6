using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Unit;

/// <summary>一次报送本期进展: every task of the unit due a report this period on one page, each with its text and
/// figures; saved as a draft on the server, or sent together (each task's report stored as from its own page).</summary>
public sealed class ReportModel(MonthlyReportQueries queries, MonthlyReportDrafts drafts, MonthlyReport monthly, AuditLog audit) : PageModel
{
    public const int MaxLines = WorkflowHost.Infrastructure.Input.InputLimits.MonthlyReportLines;

    public sealed class LineInput
    {
        public long AssignmentId { get; set; }
        public string? Text { get; set; }
        public string? Figures { get; set; }
    }

    [BindProperty] public List<LineInput> Lines { get; set; } = [];

    public CurrentUser Me { get; private set; } = null!;
    public List<MonthlyReportTask> Tasks { get; private set; } = [];
    /// <summary>What each line shows: the saved draft, or what was just typed when it was refused.</summary>
    public Dictionary<long, MonthlyLine> Typed { get; private set; } = [];
    public IReadOnlyDictionary<long, List<string>> Problems { get; private set; } = new Dictionary<long, List<string>>();
    public string? Problem { get; private set; }
    /// <summary>What became of each task the last time the report was sent.</summary>
    public List<MonthlyOutcome> Outcomes { get; private set; } = [];

    /// <summary>A clerk's reports wait for the leader's 签发 where the workflow says so.</summary>
    public bool GoesToLeader => Me.Role == WebRoles.UnitClerk && Tasks.Any(t => t.SignOff && t.Open);

    private const string OutcomesKey = "MonthlyOutcomes";

    public async Task OnGetAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        Typed = await drafts.LoadAsync(Me.UnitId!.Value, Periods(), cancel);
        if (TempData[OutcomesKey] is string json) Outcomes = JsonSerializer.Deserialize<List<MonthlyOutcome>>(json) ?? [];
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        var (lines, tooMany) = Read();
        if (tooMany is not null) return Refuse(lines, tooMany, new Dictionary<long, List<string>>());
        var problems = MonthlyReport.CheckDraft(lines, Tasks.ToDictionary(t => t.AssignmentId));
        if (problems.Count > 0)
        {
            await audit.WriteAsync(Me, "save-monthly-draft", $"unit:{Me.UnitId}", AuditLog.Refused, string.Join(";", problems.Values.SelectMany(p => p)), cancel);
            return Refuse(lines, "草稿未保存,请按提示修改", problems);
        }
        await drafts.SaveAsync(Me, lines, Periods(), cancel);
        await audit.WriteAsync(Me, "save-monthly-draft", $"unit:{Me.UnitId}", AuditLog.Done, $"{lines.Count(l => l.Filled)}", cancel);
        TempData["Message"] = $"草稿已保存({lines.Count(l => l.Filled)} 项任务),可随时回来继续填写";
        return Redirect("/unit/report");
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        var (lines, tooMany) = Read();
        if (tooMany is not null) return Refuse(lines, tooMany, new Dictionary<long, List<string>>());
        var sending = await monthly.SendAsync(Me, lines, cancel);
        if (sending.Refused) return Refuse(lines, sending.Problem ?? "本次未报送任何任务,请按提示修改后再报送", sending.Problems);
        TempData[OutcomesKey] = JsonSerializer.Serialize(sending.Outcomes);
        return Redirect("/unit/report");
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        Me = CurrentUser.From(User)!;
        Tasks = await queries.DueAsync(Me.UnitId!.Value, cancel);
    }

    private Dictionary<long, string> Periods() => Tasks.ToDictionary(t => t.AssignmentId, t => t.Period);

    private (List<MonthlyLine> Lines, string? Problem) Read()
    {
        var lines = Lines.Take(MaxLines).Select(l => new MonthlyLine(l.AssignmentId, l.Text, l.Figures)).ToList();
        return (lines, Lines.Count > MaxLines ? $"一次最多报送 {MaxLines} 项任务" : null);
    }

    /// <summary>The page again with everything as typed and each problem beside its task: nothing was stored.</summary>
    private PageResult Refuse(List<MonthlyLine> lines, string problem, IReadOnlyDictionary<long, List<string>> problems)
    {
        Typed = lines.GroupBy(l => l.AssignmentId).ToDictionary(g => g.Key, g => g.Last());
        Problem = problem;
        Problems = problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
