using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Actions;

/// <summary>What became of one task's report when the monthly report was sent.</summary>
public sealed record MonthlyOutcome(int TaskNo, long AssignmentId, OutcomeKind Kind, string Message, bool HeldForSignOff = false)
{
    public bool Succeeded => Kind == OutcomeKind.Done;
}

/// <summary>The monthly report as sent: refused whole (nothing stored, everything typed kept) when any line is wrong,
/// else one report per assignment through the single report's own path — so each is checked, held for the leader's
/// 签发 where that is on, stored and audited exactly as if sent from its task's page.</summary>
public sealed record MonthlySending(IReadOnlyDictionary<long, List<string>> Problems, string? Problem, IReadOnlyList<MonthlyOutcome> Outcomes)
{
    public bool Refused => Problem is not null || Problems.Count > 0;
}

/// <summary>
/// 一次报送本期进展: a unit's reports for all its tasks due this period, typed on one page and sent together. Every
/// line is checked first with the single report's limits (text, figures as <see cref="FiguresText"/>); then each goes
/// out on its own, and a task whose state no longer allows a report (closed, an extension request waiting, a draft
/// already with the leader) is named and skipped without holding up the others.
/// </summary>
public sealed class MonthlyReport(MonthlyReportQueries queries, MonthlyReportDrafts drafts, AssignmentActions actions, AuditLog audit)
{
    public async Task<MonthlySending> SendAsync(CurrentUser user, IReadOnlyList<MonthlyLine> lines, CancellationToken cancel)
    {
        var unitId = user.UnitId!.Value;
        var due = (await queries.DueAsync(unitId, cancel)).ToDictionary(t => t.AssignmentId);
        var filled = lines.Where(l => l.Filled).ToList();
        var problems = Check(filled, due);
        var general = filled.Count == 0 ? "请至少填写一项任务的进展情况后再报送" : null;
        if (general is not null || problems.Count > 0)
        {
            await audit.WriteAsync(user, "monthly-report", $"unit:{unitId}", AuditLog.Refused, general ?? $"{problems.Count} 项有误", cancel);
            return new MonthlySending(problems, general, []);
        }

        // Kept first, so that a task skipped on the way (its state moved on) still has its text when the page returns.
        await drafts.SaveAsync(user, lines, due.ToDictionary(d => d.Key, d => d.Value.Period), cancel);
        var outcomes = new List<MonthlyOutcome>();
        foreach (var line in filled)
        {
            var task = due[line.AssignmentId];
            if (task.NotNow is { } why)
            {
                outcomes.Add(new MonthlyOutcome(task.TaskNo, task.AssignmentId, OutcomeKind.Conflict, why));
                continue;
            }
            // The single report's own path: authorization, limits, 签发 for a clerk, the command, the audit log.
            var outcome = await actions.ReportAsync(user, line.AssignmentId, line.Text, line.Figures, [], cancel);
            outcomes.Add(new MonthlyOutcome(task.TaskNo, task.AssignmentId, outcome.Kind, outcome.Message, outcome.HeldForSignOff));
        }
        await drafts.RemoveAsync(unitId, outcomes.Where(o => o.Succeeded).Select(o => o.AssignmentId).ToList(), cancel);
        await audit.WriteAsync(user, "monthly-report", $"unit:{unitId}", AuditLog.Done,
            $"{outcomes.Count(o => o.Succeeded)}/{outcomes.Count}", cancel);
        return new MonthlySending(problems, null, outcomes);
    }

    /// <summary>Refuses a draft that could not be stored (too long, a control character); figures may still be wrong
    /// in a draft — it is a draft.</summary>
    public static Dictionary<long, List<string>> CheckDraft(IReadOnlyList<MonthlyLine> lines, IReadOnlyDictionary<long, MonthlyReportTask> due)
    {
        var problems = new Dictionary<long, List<string>>();
        foreach (var line in lines.Where(l => l.Filled))
        {
            var found = new List<string>();
            if (!due.TryGetValue(line.AssignmentId, out var task)) found.Add("不是本单位本期待报送的任务");
            var no = task?.TaskNo.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
            found.AddRange(new[] { FreeText.Problem($"第{no}项的进展情况", "text", line.Text), FreeText.Problem($"第{no}项的数据", "figures", line.Figures) }.OfType<string>());
            if (found.Count > 0) problems[line.AssignmentId] = found;
        }
        return problems;
    }

    /// <summary>Every problem of every filled line, by assignment, each naming its task and field.</summary>
    private static Dictionary<long, List<string>> Check(List<MonthlyLine> filled, IReadOnlyDictionary<long, MonthlyReportTask> due)
    {
        var problems = CheckDraft(filled, due);
        foreach (var line in filled.Where(l => due.ContainsKey(l.AssignmentId)))
        {
            var no = due[line.AssignmentId].TaskNo;
            var found = new List<string>();
            if (string.IsNullOrWhiteSpace(line.Text)) found.Add($"第{no}项填写了数据,但进展情况为空");
            var (figures, figureProblems) = FiguresText.Parse(line.Figures);
            if (figureProblems.Count == 0) figureProblems.AddRange(ReportFigures.Problems(figures));
            found.AddRange(figureProblems.Select(p => $"第{no}项的{p}"));
            if (found.Count == 0) continue;
            if (problems.TryGetValue(line.AssignmentId, out var already)) already.AddRange(found);
            else problems[line.AssignmentId] = found;
        }
        return problems;
    }
}
