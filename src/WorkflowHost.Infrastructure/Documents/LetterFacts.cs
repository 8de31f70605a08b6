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

    public static async Task<LetterFacts?> LoadAsync(WorkflowDbContext db, long documentId, WorkingCalendar calendar, CancellationToken cancel)
    {
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, cancel);
        if (document is null) return null;
        var rows = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join u in db.Units on a.UnitId equals u.Id
            join t in db.PlanTasks on a.TaskId equals t.Id
            join p in db.Plans on t.PlanId equals p.Id
            where e.DocumentId == documentId && e.Step == EscalationSteps.Letter
            orderby t.No
            select new { e.Id, e.RaisedAt, a, u, t.No, t.Content, t.DeadlineText, p.Title, p.Year }).AsNoTracking().ToListAsync(cancel);
        if (rows.Count == 0) return null;
        var date = ChinaTime.DateOf(UnixTime.ToChinaTime(document.IssuedAt));
        var first = rows[0];
        var parent = await IssuingUnit.OfAsync(db, IssuingUnit.ParentOf(first.a.Role, first.a.ParentId), cancel);
        return new LetterFacts(documentId, document.Number, first.Title, first.Year, first.u.Id, first.u.Name, first.u.FullName ?? first.u.Name, first.u.Email,
            date, calendar.AddWorkdaysOrWeekdays(date, EscalationFacts.ReplyWorkdays),
            rows.Select(r => new LetterTask(r.Id, r.a.Id, r.No, r.Content, r.DeadlineText, r.a.DueDate,
                r.a.DueDate is { } due ? Math.Max(0, date.DayNumber - due.DayNumber) : 0, r.a.MissedReports)).ToList(),
            parent?.FullName, parent?.Name);
    }
}
