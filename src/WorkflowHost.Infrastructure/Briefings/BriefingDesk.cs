using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Briefings;

/// <summary>One month's 简报 on the working group's desk: a draft until issued, then its 期号.</summary>
public sealed record BriefingLine(string Month, DateTimeOffset AssembledAt, string? Number, bool SummaryEdited)
{
    public bool Issued => Number is not null;
}

/// <summary>
/// The working group's 简报: every month's issue as the engine assembled it — a draft (送审稿) to read, whose summary
/// paragraph it may rewrite, and issue (印发): then it takes the next 期号 of the year in the register and its mail
/// goes out. Issuing again changes nothing and takes no number; an issued 简报 is not edited.
/// </summary>
public sealed class BriefingDesk(IDbContextFactory<WorkflowDbContext> contexts, DocumentService documents, TimeProvider clock)
{
    /// <summary>The longest summary paragraph accepted (a few lines of a page).</summary>
    public const int SummaryLimit = 2000;

    public async Task<List<BriefingLine>> ListAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var rows = await (
            from b in db.Briefings
            join d in db.Documents on b.DocumentId equals d.Id into issued
            from d in issued.DefaultIfEmpty()
            orderby b.Month descending
            select new { b.Month, b.AssembledAt, Number = d == null ? null : d.Number, Edited = b.Summary != null }).AsNoTracking().ToListAsync(cancel);
        return rows.Select(r => new BriefingLine(r.Month, UnixTime.ToChinaTime(r.AssembledAt), r.Number, r.Edited)).ToList();
    }

    /// <summary>Rewrites a draft's summary paragraph; the refusal, in Chinese, or null when saved.</summary>
    public async Task<string?> SaveSummaryAsync(string month, string? text, CancellationToken cancel = default)
    {
        var summary = text?.Trim();
        if (string.IsNullOrEmpty(summary)) return "请填写简报摘要";
        if (summary.Length > SummaryLimit) return $"简报摘要最多 {SummaryLimit} 个字,现有 {summary.Length} 个字";
        // In Chinese and English like every free-text refusal: pages show the Chinese (PeopleText.ChineseOnly).
        if (FreeText.Problem("简报摘要", "summary", summary) is { } problem) return problem;
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var row = await db.Briefings.SingleOrDefaultAsync(b => b.Month == month, cancel);
        if (row is null) return $"没有 {month} 的简报";
        if (row.DocumentId is not null) return $"{PeriodMonths.Words(month)}简报已印发,不能再修改";
        row.Summary = summary;
        await db.SaveChangesAsync(cancel);
        return null;
    }

    /// <summary>Issues a draft: its 期号, then its mail. Issuing an issued one returns its number and sends nothing
    /// again (a retried request never takes a second number).</summary>
    public async Task<(string? Number, string? Problem)> IssueAsync(string month, CancellationToken cancel = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancel))
            if (!await db.Briefings.AnyAsync(b => b.Month == month, cancel)) return (null, $"没有 {month} 的简报");
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (ChinaTime.DateOf(clock.GetUtcNow()) < first.AddMonths(1)) return (null, $"{PeriodMonths.Words(month)}尚未结束,简报不能印发");
        var number = await documents.IssueBriefingAsync(month, cancel) ?? throw new InvalidOperationException($"briefing {month} vanished while being issued");
        await using (var db = await contexts.CreateDbContextAsync(cancel))
        {
            var key = $"briefing:{month}";
            if (!await db.Outbox.AnyAsync(o => o.Key == key, cancel))
            {
                db.Outbox.Add(new OutboxRow
                {
                    Key = key, Kind = EngineEvents.Briefing, CreatedAt = UnixTime.Of(clock.GetUtcNow()), Status = Mail.OutboxStatus.Pending,
                    Payload = JsonSerializer.Serialize(new { month }),
                });
                await db.SaveChangesAsync(cancel);
            }
        }
        return (number, null);
    }

}
