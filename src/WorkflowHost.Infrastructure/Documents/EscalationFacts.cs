using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>A unit that is late on a task, as a circular names it: days past its deadline, or reports missed (an
/// ongoing task).</summary>
public sealed record LateUnit(string Name, DateOnly? DueDate, int OverdueDays, long AssignmentId = 0, string? FullName = null, int MissedReports = 0);

/// <summary>
/// Everything a 督办函/通报/约谈通知/曝光 and its email say, computed once so the document and the message never
/// disagree: the task, the unit, the dates, and for a circular every unit late on the same task.
/// </summary>
public sealed record EscalationFacts(
    long EscalationId,
    string Step,
    string Status,
    string PlanTitle,
    int PlanYear,
    int TaskNo,
    string TaskContent,
    string DeadlineText,
    DateOnly? DueDate,
    long AssignmentId,
    string UnitName,
    string UnitFullName,
    string UnitEmail,
    DateOnly DocumentDate,
    int OverdueDays,
    DateOnly ReplyBy,
    DateOnly SummonsDate,
    IReadOnlyList<LateUnit> LateUnits,
    int MissedReports,
    string? ParentUnit = null,
    string? ParentUnitName = null,
    string? Number = null,
    long? DocumentId = null,
    long? ProposalId = null)
{
    /// <summary>Several units in one document: a proposal's 约谈 names them all, as its 通报 does.</summary>
    public bool SeveralUnits => ProposalId is not null && LateUnits.Count > 1;

    /// <summary>Who issues it: the unit that handed the work down or leads it (兰州市 to its 县区), else the office.</summary>
    public string Issuer(DocumentOptions options) => ParentUnit ?? options.Office;

    /// <summary>An ongoing task (长期坚持) has no deadline to miss: its escalations are for reports not made.</summary>
    public bool Ongoing => DueDate is null;

    /// <summary>Working days a unit has to answer a letter or circular.</summary>
    public const int ReplyWorkdays = 5;

    /// <summary>Working days between a summons notice and the meeting.</summary>
    public const int SummonsWorkdays = 3;

    public string StepTitle => StepTitles.Of(Step);

    /// <summary>发文字号 of the <paramref name="seq"/>th document of its series: the issuer's 代字, the kind's word, the
    /// year in 〔〕 and the place in the series. <see cref="Number"/> is the one the register gave when it was issued.</summary>
    public string NumberFor(int seq, DocumentOptions options) => StepTitles.Number(ParentUnitName, options, Step, DocumentDate.Year, seq);

    /// <summary>What the register records of it once issued.</summary>
    public RegisterEntry Entry(DocumentOptions options, string? approvedBy, long issuedAt) => new(Step, DocumentDate.Year, Issuer(options),
        EscalationDocuments.TitleOf(this),
        SeveralUnits && Step != EscalationSteps.Circular ? string.Join("、", LateUnits.Select(u => u.Name))
            : EscalationDocuments.AddresseeOf(this, options) ?? string.Join("、", LateUnits.Select(u => u.Name)),
        ProposalId is null ? [AssignmentId] : LateUnits.Select(u => u.AssignmentId).ToList(), issuedAt, approvedBy);

    public static async Task<EscalationFacts?> LoadAsync(WorkflowDbContext db, long escalationId, WorkingCalendar calendar, StateVocabulary states, TimeProvider clock, CancellationToken cancel)
    {
        var row = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join u in db.Units on a.UnitId equals u.Id
            join t in db.PlanTasks on a.TaskId equals t.Id
            join p in db.Plans on t.PlanId equals p.Id
            where e.Id == escalationId
            select new { e, a, u, t, p.Title, p.Year }).AsNoTracking().SingleOrDefaultAsync(cancel);
        if (row is null) return null;

        var proposal = row.e.ProposalId is { } proposalId
            ? await db.EscalationProposals.AsNoTracking().SingleAsync(p => p.Id == proposalId, cancel)
            : null;
        // The document is dated when it went out: on approval for steps that need one, when raised otherwise. A draft
        // awaiting approval is dated today.
        long? issuedAt = proposal is not null
            ? proposal.Status == ProposalStatuses.Issued ? proposal.DecidedAt : null
            : row.e.Status == EscalationStatuses.AwaitingApproval ? null : row.e.DecidedAt ?? row.e.RaisedAt;
        var date = issuedAt is { } ms ? ChinaTime.DateOf(UnixTime.ToChinaTime(ms)) : ChinaTime.Today(clock);
        // Work a city handed down is pressed by that city: its letters come from the city and its circular names the late
        // 县区 under it; a circular of the office names every late unit at the province's level.
        var issuingParent = IssuingUnit.ParentOf(row.a.Role, row.a.ParentId);
        var parentUnit = await IssuingUnit.OfAsync(db, issuingParent, cancel);
        var lateUnits = proposal is not null
            ? await MembersAsync(db, proposal, date, cancel)
            : await LateOnTaskAsync(db, row.a, issuingParent, states, date, cancel);
        if (lateUnits.All(l => l.Name != row.u.Name) && proposal is null)
            lateUnits.Insert(0, new LateUnit(row.u.Name, row.a.DueDate, DaysLate(row.a.DueDate, date), row.a.Id, row.u.FullName ?? row.u.Name, row.a.MissedReports));
        var documentId = proposal?.DocumentId ?? row.e.DocumentId;
        var number = documentId is { } registered
            ? await db.Documents.AsNoTracking().Where(d => d.Id == registered).Select(d => d.Number).SingleAsync(cancel)
            : null;

        return new EscalationFacts(
            row.e.Id, row.e.Step, row.e.Status, row.Title, row.Year,
            row.t.No, row.t.Content, row.t.DeadlineText, row.a.DueDate,
            row.a.Id, row.u.Name, row.u.FullName ?? row.u.Name, row.u.Email,
            date, DaysLate(row.a.DueDate, date),
            calendar.AddWorkdaysOrWeekdays(date, ReplyWorkdays), calendar.AddWorkdaysOrWeekdays(date, SummonsWorkdays),
            lateUnits, row.a.MissedReports, parentUnit?.FullName, parentUnit?.Name, number, documentId, proposal?.Id);
    }

    /// <summary>The units a proposal names: those still in it (awaiting while a draft, issued once it went out), never
    /// the struck, refused or withdrawn.</summary>
    private static async Task<List<LateUnit>> MembersAsync(WorkflowDbContext db, EscalationProposalRow proposal, DateOnly date, CancellationToken cancel)
    {
        var named = proposal.Status == ProposalStatuses.Issued ? EscalationStatuses.Issued : EscalationStatuses.AwaitingApproval;
        var members = await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join u in db.Units on a.UnitId equals u.Id
            where e.ProposalId == proposal.Id && e.Status == named
            orderby u.Id
            select new { a.Id, u.Name, u.FullName, a.DueDate, a.MissedReports }).AsNoTracking().ToListAsync(cancel);
        return members.Select(m => new LateUnit(m.Name, m.DueDate, DaysLate(m.DueDate, date), m.Id, m.FullName ?? m.Name, m.MissedReports)).ToList();
    }

    /// <summary>Every unit late on the task at the same level (for an escalation issued on its own, not proposed).</summary>
    private static async Task<List<LateUnit>> LateOnTaskAsync(WorkflowDbContext db, AssignmentRow assignment, long? issuingParent, StateVocabulary states, DateOnly date, CancellationToken cancel)
    {
        var closedStates = states.Named(StateRole.Closed);
        var handedDown = AssignmentRole.HandedDown.ToWireName();
        var late = await (
            from a in db.Assignments
            join u in db.Units on a.UnitId equals u.Id
            where a.TaskId == assignment.TaskId && a.PastDue && !closedStates.Contains(a.State!)
                  && (issuingParent == null ? a.Role != handedDown : a.ParentId == issuingParent)
            orderby u.Id
            select new { a.Id, u.Name, u.FullName, a.DueDate, a.MissedReports }).AsNoTracking().ToListAsync(cancel);
        return late.Select(l => new LateUnit(l.Name, l.DueDate, DaysLate(l.DueDate, date), l.Id, l.FullName ?? l.Name, l.MissedReports)).ToList();
    }

    private static int DaysLate(DateOnly? due, DateOnly on) => due is { } d ? Math.Max(0, on.DayNumber - d.DayNumber) : 0;
}

/// <summary>The document terms of a step, from the one table (<see cref="EscalationSteps.Terms"/>).</summary>
public static class StepTitles
{
    /// <summary>The document's title (督办函, 约谈通知).</summary>
    public static string Of(string step) => EscalationSteps.Terms.TryGetValue(step, out var terms) ? terms.Document : step;

    /// <summary>The word in the 文号 that tells the kind of document.</summary>
    public static string NumberWord(string step) => EscalationSteps.Terms.TryGetValue(step, out var terms) ? terms.NumberWord : "督";

    /// <summary>发文字号: the issuer's 代字, the kind's word, the year in 〔〕 and the place in the series. A parent unit's
    /// own 代字 is not in the directory: its short name stands in for it (兰州市督函〔2024〕12号).</summary>
    public static string Number(string? parentUnitName, DocumentOptions options, string step, int year, int seq) =>
        $"{parentUnitName ?? options.NumberPrefix}{NumberWord(step)}〔{year}〕{seq}号";
}
