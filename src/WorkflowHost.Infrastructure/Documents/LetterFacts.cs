using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>One task of a 督办函: what it is, its deadline and how late it is.</summary>
public sealed record LetterTask(long EscalationId, long AssignmentId, int TaskNo, string Content, string DeadlineText, DateOnly? DueDate, int OverdueDays, int MissedReports)
{
    public bool Ongoing => DueDate is null;

    /// <summary>「已逾期3天」, or for a 长期坚持 task 「连续2期未按时报送工作进展」.</summary>
    public string Lapse => Ongoing ? $"连续{MissedReports}期未按时报送工作进展" : $"已逾期{OverdueDays}天";
}

/// <summary>
/// Everything one 督办函 says: every task of one unit that reached the 函告 step on one day, under one number, from one
/// issuer (the office, or the unit that handed the work down). The document and its mail are made from these facts.
/// </summary>
public sealed record LetterFacts(
    long DocumentId, string Number, string PlanTitle, int PlanYear, long UnitId, string UnitName, string UnitFullName, string UnitEmail,
    DateOnly DocumentDate, DateOnly ReplyBy, IReadOnlyList<LetterTask> Tasks, string? ParentUnit, string? ParentUnitName)
{
    public string Issuer(DocumentOptions options) => ParentUnit ?? options.Office;

    /// <summary>关于督促办理第1、3、4项重点工作任务的函.</summary>
    public string Title => TitleOf(Tasks.Select(t => t.TaskNo));

    public static string TitleOf(IEnumerable<int> taskNos) => $"关于督促办理第{string.Join("、", taskNos.Order())}项重点工作任务的函";

    /// <summary>The letters of several register entries at once, by document; an entry with no letter's tasks is left out.
    /// Read a few statements per 500 letters: the mail morning composes thousands, and a statement per letter was most of
    /// its composing time.</summary>
    public static async Task<Dictionary<long, LetterFacts>> LoadAllAsync(WorkflowDbContext db, IEnumerable<long> documentIds, WorkingCalendar calendar,
        CancellationToken cancel)
    {
        var found = new Dictionary<long, LetterFacts>();
        foreach (var chunk in documentIds.Distinct().Chunk(500))
        {
            var documents = await db.Documents.AsNoTracking().Where(d => chunk.Contains(d.Id))
                .Select(d => new { d.Id, d.Number, d.IssuedAt }).ToDictionaryAsync(d => d.Id, cancel);
            var rows = await (
                from e in db.Escalations
                join a in db.Assignments on e.AssignmentId equals a.Id
                join u in db.Units on a.UnitId equals u.Id
                join t in db.PlanTasks on a.TaskId equals t.Id
                join p in db.Plans on t.PlanId equals p.Id
                where e.DocumentId != null && chunk.Contains(e.DocumentId!.Value) && e.Step == EscalationSteps.Letter
                orderby e.DocumentId, t.No
                select new
                {
                    DocumentId = e.DocumentId!.Value, e.Id, AssignmentId = a.Id, a.Role, a.ParentId, a.DueDate, a.MissedReports,
                    UnitId = u.Id, u.Name, u.FullName, u.Email, t.No, t.Content, t.DeadlineText, p.Title, p.Year,
                }).AsNoTracking().ToListAsync(cancel);
            var issuers = await IssuingUnit.OfAllAsync(db, rows.Select(r => IssuingUnit.ParentOf(r.Role, r.ParentId)).OfType<long>().Distinct().ToList(), cancel);
            foreach (var letter in rows.GroupBy(r => r.DocumentId))
            {
                if (!documents.TryGetValue(letter.Key, out var document)) continue;
                var date = ChinaTime.DateOf(UnixTime.ToChinaTime(document.IssuedAt));
                var first = letter.First();
                var parent = IssuingUnit.ParentOf(first.Role, first.ParentId) is { } parentId
                    ? issuers.GetValueOrDefault(parentId) ?? throw new InvalidOperationException($"the share {parentId} that handed the work down does not exist")
                    : null;
                found[letter.Key] = new LetterFacts(letter.Key, document.Number, first.Title, first.Year, first.UnitId, first.Name, first.FullName ?? first.Name,
                    first.Email, date, calendar.AddWorkdaysOrWeekdays(date, EscalationFacts.ReplyWorkdays),
                    letter.Select(r => new LetterTask(r.Id, r.AssignmentId, r.No, r.Content, r.DeadlineText, r.DueDate,
                        r.DueDate is { } due ? Math.Max(0, date.DayNumber - due.DayNumber) : 0, r.MissedReports)).ToList(),
                    parent?.FullName, parent?.Name);
            }
        }
        return found;
    }
}
