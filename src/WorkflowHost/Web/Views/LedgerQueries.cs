using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>One line of the 台账: the assignment as listed, with its latest progress report, how many evidence files it
/// holds and the escalations issued to it, by step.</summary>
public sealed record LedgerLine(AssignmentSummary Assignment, DateOnly? LatestReportOn, string LatestReport, string Figures, int EvidenceFiles,
    IReadOnlyList<(string Step, int Count)> Escalations)
{
    /// <summary>「函告 1、通报 1」: issued escalations, mildest first; "" when none.</summary>
    public string EscalationText => string.Join("、", Escalations.Select(e => $"{ChineseTerms.EscalationStep(e.Step)} {e.Count}"));
}

/// <summary>
/// The 台账's extra columns for a list of assignments (the list the person may see, under their filter): three set-based
/// reads over those assignments — the latest report of each (by a GROUP BY), the evidence files per assignment, the
/// issued escalations per assignment and step — never one query per row.
/// </summary>
public sealed class LedgerQueries(IDbContextFactory<WorkflowDbContext> contexts)
{
    public async Task<List<LedgerLine>> LinesAsync(IReadOnlyList<AssignmentSummary> assignments, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var ids = assignments.Select(a => a.Id).ToList();
        var latestIds = db.Reports.Where(r => ids.Contains(r.AssignmentId)).GroupBy(r => r.AssignmentId).Select(g => g.Max(r => r.Id));
        var latest = await db.Reports.AsNoTracking().Where(r => latestIds.Contains(r.Id))
            .Select(r => new { r.AssignmentId, r.SubmittedAt, r.Text, r.Figures }).ToDictionaryAsync(r => r.AssignmentId, cancel);
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => ids.Contains(f.AssignmentId)).GroupBy(f => f.AssignmentId)
            .Select(g => new { AssignmentId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.AssignmentId, x => x.Count, cancel);
        var escalations = (await db.Escalations.AsNoTracking().Where(e => ids.Contains(e.AssignmentId) && e.Status == EscalationStatuses.Issued)
                .GroupBy(e => new { e.AssignmentId, e.Step }).Select(g => new { g.Key.AssignmentId, g.Key.Step, Count = g.Count() }).ToListAsync(cancel))
            .ToLookup(e => e.AssignmentId);
        return assignments.Select(a =>
        {
            var report = latest.GetValueOrDefault(a.Id);
            return new LedgerLine(a, report is null ? null : ChinaTime.DateOf(UnixTime.ToChinaTime(report.SubmittedAt)), report?.Text ?? "",
                FiguresView.Describe(report?.Figures), files.GetValueOrDefault(a.Id),
                escalations[a.Id].OrderBy(e => EscalationSteps.Rank(e.Step)).Select(e => (e.Step, e.Count)).ToList());
        }).ToList();
    }
}
