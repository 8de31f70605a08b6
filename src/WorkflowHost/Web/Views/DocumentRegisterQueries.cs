using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>One line of the 发文登记: what was issued, under which number, to whom, and where to download it.</summary>
public sealed record RegisteredDocument(string Number, string Kind, string KindTitle, DateTimeOffset IssuedAt, string Title, string Recipients,
    IReadOnlyList<long> AssignmentIds, string? ApprovedBy, string? ApprovedByName, string DownloadLink);

/// <summary>The register read for the page, the API and the export: in the order the numbers were taken.</summary>
public sealed class DocumentRegisterQueries(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>The lines of a page; the export has them all.</summary>
    public const int PageSize = 50;

    /// <summary>What is wrong with a filter of the register (the field and why, in Chinese and English), or null: the
    /// page and the API refuse the same filters.</summary>
    public static (string Field, string Problem)? FilterProblem(string? kind, int? year)
    {
        if (kind is not null && !DocumentKinds.All.Contains(kind))
            return ("kind", $"文种 kind 须为 {string.Join("、", DocumentKinds.All)} 之一 (unknown kind)");
        if (year is < 2000 or > 2100)
            return ("year", "年份 year 须为 2000 到 2100 之间的四位数 (year must be YYYY)");
        return null;
    }

    /// <summary>The register under its filters and the search box, <paramref name="limit"/> lines (all when null) after
    /// the first <paramref name="skip"/>, with the count of all. A search finds a document by its number, title or
    /// recipients, or by the assignments its 督办 letter concerns (task number, words of the task, unit name or alias:
    /// the board's own predicate, <see cref="BoardSearch"/>).</summary>
    public async Task<(List<RegisteredDocument> Lines, int Total)> ListAsync(string? kind, int? year, int? limit, CancellationToken cancel,
        BoardSearch? search = null, int skip = 0)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var scope = db.Documents.AsNoTracking().Where(d => (kind == null || d.Kind == kind) && (year == null || d.Year == year));
        if (search is not null)
        {
            var words = search.Words;
            var found = search.Apply(db, db.Assignments.AsNoTracking());
            scope = scope.Where(d => d.Number.Contains(words) || d.Title.Contains(words) || d.Recipients.Contains(words)
                || db.Escalations.Any(e => e.DocumentId == d.Id && found.Any(a => a.Id == e.AssignmentId)));
        }
        var total = await scope.CountAsync(cancel);
        var ordered = scope.OrderBy(d => d.Year).ThenBy(d => d.Kind).ThenBy(d => d.Issuer).ThenBy(d => d.Seq).Skip(skip);
        var rows = await (limit is { } n ? ordered.Take(n) : ordered)
            .Select(d => new
            {
                d,
                Escalation = db.Escalations.Where(e => e.DocumentId == d.Id).Select(e => (long?)e.Id).FirstOrDefault(),
                Month = db.Briefings.Where(b => b.DocumentId == d.Id).Select(b => b.Month).FirstOrDefault(),
            }).ToListAsync(cancel);
        var names = await PeopleNames.OfAsync(db, rows.Select(r => r.d.ApprovedBy).OfType<string>().Distinct().ToList(), cancel);
        var lines = rows.Select(r => new RegisteredDocument(r.d.Number, r.d.Kind, DocumentKinds.Title(r.d.Kind), UnixTime.ToChinaTime(r.d.IssuedAt),
            r.d.Title, r.d.Recipients, JsonSerializer.Deserialize<long[]>(r.d.AssignmentIds) ?? [], r.d.ApprovedBy,
            r.d.ApprovedBy is { } who ? names.GetValueOrDefault(who, who) : null,
            r.Month is { } month ? $"/api/briefings/{month}/document" : $"/api/escalations/{r.Escalation}/document")).ToList();
        return (lines, total);
    }

    /// <summary>The years that have a register, newest first, for the page's filter.</summary>
    public async Task<List<int>> YearsAsync(CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.Documents.AsNoTracking().Select(d => d.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancel);
    }

    public static readonly string[] ExportHeaders = ["发文字号", "文种", "标题", "主送", "印发时间", "批准人", "涉及承办任务"];

    public static object[] ExportRow(RegisteredDocument d) =>
        [d.Number, d.KindTitle, d.Title, d.Recipients, d.IssuedAt.ToString("yyyy-MM-dd HH:mm"), d.ApprovedByName ?? "", string.Join("、", d.AssignmentIds)];
}
