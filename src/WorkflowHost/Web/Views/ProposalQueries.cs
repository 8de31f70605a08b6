using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Escalations;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>What the working group's queue of proposals is filtered by: step, task number, a unit in it, the area of
/// its units, its status (awaiting by default), and the page.</summary>
public sealed record ProposalFilter(string? Step = null, int? Task = null, long? Unit = null, string? Area = null, string? Status = null, int Page = 1)
{
    /// <summary>Every status, for a filter that wants the decided ones too.</summary>
    public const string AllStatuses = "all";

    private static readonly string[] Statuses = [ProposalStatuses.Awaiting, ProposalStatuses.Issued, ProposalStatuses.Refused, ProposalStatuses.Withdrawn, AllStatuses];

    /// <summary>The field and what is wrong with it (Chinese, then English), or null: the page and the API refuse alike.</summary>
    public (string Field, string Problem)? Problem() =>
        Step is not null && !EscalationSteps.IsKnown(Step) ? ("step", $"督办措施 step 须为 {string.Join("、", EscalationSteps.Ordered)} 之一 (unknown step)")
        : Task is < 1 or > 9999 ? ("task", "任务序号 task 须为 1 到 9999 之间的整数 (task out of range)")
        : Unit is < 1 ? ("unit", "单位 unit 须为正整数 (unit out of range)")
        : Area is not null && Area is not (AssignmentFilter.AreaProvince or AssignmentFilter.AreaRegions) ? ("area", "区域 area 须为 province 或 regions (unknown area)")
        : Status is not null && !Statuses.Contains(Status) ? ("status", $"状态 status 须为 {string.Join("、", Statuses)} 之一 (unknown status)")
        : Page is < 1 or > 100_000 ? ("page", "页码 page 须为 1 到 100000 之间的整数 (page out of range)")
        : null;
}

/// <summary>One unit in a proposal: its share, and where it stands in the proposal (in, struck, closed, issued …).</summary>
public sealed record ProposalMember(long EscalationId, long AssignmentId, long UnitId, string UnitName, string Status, DateOnly? DueDate, int OverdueDays, int MissedReports)
{
    public string StatusTitle => ProposalTerms.EscalationStatusTitle(Status);
    public bool Awaiting => Status == EscalationStatuses.AwaitingApproval;
}

/// <summary>A proposal as the queue shows it.</summary>
public sealed record ProposalLine(long Id, string Step, int TaskNo, string TaskContent, string Issuer, string Day, string Status,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? Reason, string? Number, IReadOnlyList<ProposalMember> Members)
{
    public string Title => ProposalTerms.Title(Step);
    public string StatusTitle => ProposalTerms.StatusTitle(Status);
    public bool Awaiting => Status == ProposalStatuses.Awaiting;
    /// <summary>The units the document names: those still in it.</summary>
    public IEnumerable<ProposalMember> Named => Members.Where(m => m.Awaiting || m.Status == EscalationStatuses.Issued);
}

/// <summary>One page of the queue with the totals under the filter: nothing cut without saying so.</summary>
public sealed record ProposalPage(IReadOnlyList<ProposalLine> Lines, int Total, int UnitsNamed, int Page, int PageCount)
{
    public const int PageSize = 20;
}

/// <summary>
/// The working group's queue of proposals (拟通报, 拟约谈 …), filtered and paged in SQL: the proposals are few (one per
/// task, step, issuer and day), their units are read for the page shown only.
/// </summary>
public sealed class ProposalQueries(IDbContextFactory<WorkflowDbContext> contexts, AssignmentQueries assignments, DocumentOptions documents)
{
    public async Task<ProposalPage> PageAsync(ProposalFilter filter, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var scope = Scoped(db, filter);
        var total = await scope.CountAsync(cancel);
        var named = filter.Status is null or ProposalStatuses.Awaiting ? EscalationStatuses.AwaitingApproval : null;
        var unitsNamed = await db.Escalations.CountAsync(e => scope.Any(p => p.Id == e.ProposalId) && (named == null || e.Status == named), cancel);
        var pageCount = Math.Max(1, (total + ProposalPage.PageSize - 1) / ProposalPage.PageSize);
        var page = Math.Min(filter.Page, pageCount);
        var rows = await (
            from p in scope
            join t in db.PlanTasks on p.TaskId equals t.Id
            orderby p.Day, t.No, p.Step, p.Id
            select new
            {
                p, t.No, t.Content,
                Issuer = db.Assignments.Where(a => a.Id == p.IssuingParentId).Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => u.Name).FirstOrDefault(),
                Number = db.Documents.Where(d => d.Id == p.DocumentId).Select(d => d.Number).FirstOrDefault(),
            }).Skip((page - 1) * ProposalPage.PageSize).Take(ProposalPage.PageSize).ToListAsync(cancel);

        var ids = rows.Select(r => r.p.Id).ToList();
        var today = assignments.Today;
        var members = (await (
            from e in db.Escalations
            join a in db.Assignments on e.AssignmentId equals a.Id
            join u in db.Units on a.UnitId equals u.Id
            where ids.Contains(e.ProposalId!.Value)
            orderby u.Id
            select new { e.ProposalId, e.Id, AssignmentId = a.Id, UnitId = u.Id, u.Name, e.Status, a.DueDate, a.MissedReports }).AsNoTracking().ToListAsync(cancel))
            .ToLookup(m => m.ProposalId!.Value, m => new ProposalMember(m.Id, m.AssignmentId, m.UnitId, m.Name, m.Status, m.DueDate,
                m.DueDate is { } due ? Math.Max(0, today.DayNumber - due.DayNumber) : 0, m.MissedReports));
        var people = await PeopleNames.OfAsync(db, rows.Select(r => r.p.DecidedBy).OfType<string>().Distinct().ToList(), cancel);
        var lines = rows.Select(r => new ProposalLine(r.p.Id, r.p.Step, r.No, r.Content, r.Issuer ?? documents.Office, r.p.Day, r.p.Status,
            r.p.DecidedBy is { } who ? people.GetValueOrDefault(who, who) : null,
            r.p.DecidedAt is { } at ? UnixTime.ToChinaTime(at) : null, r.p.Reason, r.Number, members[r.p.Id].ToList())).ToList();
        return new ProposalPage(lines, total, unitsNamed, page, pageCount);
    }

    /// <summary>How many proposals await the working group, and how many units they name (the board's tile).</summary>
    public async Task<(int Proposals, int Units)> AwaitingCountAsync(CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var awaiting = db.EscalationProposals.Where(p => p.Status == ProposalStatuses.Awaiting);
        return (await awaiting.CountAsync(cancel),
            await db.Escalations.CountAsync(e => e.Status == EscalationStatuses.AwaitingApproval && awaiting.Any(p => p.Id == e.ProposalId), cancel));
    }

    private static IQueryable<EscalationProposalRow> Scoped(WorkflowDbContext db, ProposalFilter filter)
    {
        var query = db.EscalationProposals.AsNoTracking();
        var status = filter.Status ?? ProposalStatuses.Awaiting;
        if (status != ProposalFilter.AllStatuses) query = query.Where(p => p.Status == status);
        if (filter.Step is { } step) query = query.Where(p => p.Step == step);
        if (filter.Task is { } no) query = query.Where(p => db.PlanTasks.Any(t => t.Id == p.TaskId && t.No == no));
        if (filter.Unit is { } unit)
            query = query.Where(p => db.Escalations.Any(e => e.ProposalId == p.Id && db.Assignments.Any(a => a.Id == e.AssignmentId && a.UnitId == unit)));
        if (filter.Area is { } area)
        {
            var region = UnitKind.Region.ToWireName();
            var regions = area == AssignmentFilter.AreaRegions;
            query = query.Where(p => db.Escalations.Any(e => e.ProposalId == p.Id && db.Assignments.Any(a => a.Id == e.AssignmentId
                && db.Units.Any(u => u.Id == a.UnitId && (u.Kind == region) == regions))));
        }
        return query;
    }
}
