using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>Reads assignments for pages and the API. Authorization is the caller's: these return what is asked.</summary>
/// <param name="roles">How each task's plan names its units; without it (engine tests) roles get their general titles.</param>
public sealed class AssignmentQueries(IDbContextFactory<WorkflowDbContext> contexts, WorkflowRuntime runtime, PlanRoleTitles? roles = null)
{
    public DateOnly Today => ChinaTime.DateOf(runtime.Clock.GetUtcNow());

    public async Task<List<AssignmentSummary>> ListAsync(AssignmentFilter filter, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var scope = db.Assignments.Where(a => filter.UnitId == null || a.UnitId == filter.UnitId
            || (filter.WithChildren && db.Assignments.Any(p => p.Id == a.ParentId && p.UnitId == filter.UnitId)));
        // The search box in SQL, as on the board (one predicate: BoardSearch), before anything is read.
        if (filter.Search is { } search) scope = search.Apply(db, scope);
        var rows = await (
            from a in scope.AsNoTracking()
            join t in db.PlanTasks.AsNoTracking() on a.TaskId equals t.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            where a.State != null
            orderby t.No, a.ParentId != null, u.Id
            select new { a, t, u }).ToListAsync(cancel);
        var ids = rows.Select(r => r.a.Id).ToHashSet();
        // Scoped like the list, not by a parameter of every id: a list may be all of them.
        var escalations = (await db.Escalations.AsNoTracking().Where(e => scope.Any(a => a.Id == e.AssignmentId))
                .Select(e => new { e.AssignmentId, e.Status }).ToListAsync(cancel))
            .Where(e => ids.Contains(e.AssignmentId)).ToLookup(e => e.AssignmentId);
        var reported = (await db.Reports.AsNoTracking().Where(r => scope.Any(a => a.Id == r.AssignmentId))
                .Select(r => new { r.AssignmentId, r.Period }).ToListAsync(cancel))
            .Select(r => (r.AssignmentId, r.Period)).ToHashSet();
        var returned = await RequestsAsync(db.Journal.Where(j => scope.Any(a => a.Id == j.AssignmentId)), cancel);
        var today = Today;
        var listed = rows.Select(r => Summarize(r.a, r.t, r.u, escalations[r.a.Id].Select(e => e.Status).ToList(), reported, returned, today))
            .Where(filter.Matches).ToList();
        return await WithTreesAsync(db, listed, today, cancel);
    }

    /// <summary>The shares under <paramref name="parentId"/> (co-units under a lead, 县区 under their city), in unit order.</summary>
    public async Task<List<AssignmentSummary>> ChildrenAsync(long parentId, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var ids = await (from a in db.Assignments where a.ParentId == parentId orderby a.UnitId select a.Id).ToListAsync(cancel);
        return await SummariesAsync(ids, cancel);
    }

    /// <summary>待确认 of a unit: the shares directly below its own whose application or extension request waits for
    /// its decision, by task and unit. Read by state in SQL, not by listing every share below.</summary>
    public async Task<List<AssignmentSummary>> AwaitingUnitAsync(long unitId, CancellationToken cancel = default)
    {
        var review = runtime.Definitions.States.Named(StateRole.CompletionReview, StateRole.ExtensionReview);
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var ids = await (
            from c in db.Assignments
            join p in db.Assignments on c.ParentId equals p.Id
            join t in db.PlanTasks on c.TaskId equals t.Id
            where p.UnitId == unitId && review.Contains(c.State!)
            orderby t.No, c.UnitId
            select c.Id).ToListAsync(cancel);
        return await SummariesAsync(ids, cancel);
    }

    /// <summary>A parent's task page: its shares below, each with its latest report, and the sub-units it could still
    /// hand the task down to (none when its directory entry has none).</summary>
    public async Task<ShareTree> TreeAsync(AssignmentSummary parent, CancellationToken cancel = default)
    {
        var children = await ChildrenAsync(parent.Id, cancel);
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var ids = children.Select(c => c.Id).ToList();
        var reports = (await db.Reports.AsNoTracking().Where(r => ids.Contains(r.AssignmentId))
                .Select(r => new { r.Id, r.AssignmentId, r.Period, r.SubmittedAt }).ToListAsync(cancel))
            .GroupBy(r => r.AssignmentId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        var taskId = await db.Assignments.Where(a => a.Id == parent.Id).Select(a => a.TaskId).SingleAsync(cancel);
        var subUnits = await db.Units.AsNoTracking().Where(u => u.ParentId == parent.UnitId).OrderBy(u => u.Id)
            .Select(u => new SubUnit(u.Id, u.Name, db.Assignments.Any(a => a.TaskId == taskId && a.UnitId == u.Id)))
            .ToListAsync(cancel);
        // What waits for the parent's decision first, then the most urgent: a lead with 31 co-units reads from the top.
        var ordered = children.OrderBy(c => c.StateRole.AwaitsDecision() ? 0 : 1)
            .ThenByDescending(c => c.ShownLight.Urgency());
        return new ShareTree(
            ordered.Select(c => new ChildShare(c, reports.TryGetValue(c.Id, out var r)
                ? $"{CadencePeriod.Words(r.Period)} · {UnixTime.ToChinaTime(r.SubmittedAt):yyyy-MM-dd}" : null)).ToList(),
            subUnits);
    }

    /// <summary>A parent's report of <paramref name="period"/> started from its shares' reports of that period (the
    /// latest of each), in unit order. The shares are the ones its page already read (<see cref="TreeAsync"/>).</summary>
    public async Task<ConsolidatedReport> ConsolidateAsync(IReadOnlyList<AssignmentSummary> children, string period, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var shares = children.OrderBy(c => c.UnitId).Select(c => new { c.Id, Name = c.UnitName }).ToList();
        var ids = shares.Select(s => s.Id).ToList();
        var latest = (await db.Reports.AsNoTracking().Where(r => ids.Contains(r.AssignmentId) && r.Period == period)
                .Select(r => new { r.Id, r.AssignmentId, r.Text, r.Figures }).ToListAsync(cancel))
            .GroupBy(r => r.AssignmentId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        return ReportConsolidation.Of(
            shares.Select(s => latest.TryGetValue(s.Id, out var r) ? new ShareReport(s.Name, r.Text, r.Figures) : new ShareReport(s.Name, null, null)).ToList(),
            CadencePeriod.Words(period));
    }

    /// <summary>The assignments with these ids, in the order given, as lists show them: reads only those rows and their
    /// escalations and reports (for pages of a list chosen in SQL).</summary>
    public async Task<List<AssignmentSummary>> SummariesAsync(IReadOnlyList<long> ids, CancellationToken cancel = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var rows = await (
            from a in db.Assignments.AsNoTracking()
            join t in db.PlanTasks.AsNoTracking() on a.TaskId equals t.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            where ids.Contains(a.Id) && a.State != null
            select new { a, t, u }).ToDictionaryAsync(r => r.a.Id, cancel);
        var escalations = (await db.Escalations.AsNoTracking().Where(e => ids.Contains(e.AssignmentId))
            .Select(e => new { e.AssignmentId, e.Status }).ToListAsync(cancel)).ToLookup(e => e.AssignmentId);
        var reported = (await db.Reports.AsNoTracking().Where(r => ids.Contains(r.AssignmentId))
            .Select(r => new { r.AssignmentId, r.Period }).ToListAsync(cancel)).Select(r => (r.AssignmentId, r.Period)).ToHashSet();
        var returned = await RequestsAsync(db.Journal.Where(j => j.AssignmentId != null && ids.Contains(j.AssignmentId.Value)), cancel);
        var today = Today;
        var listed = ids.Where(rows.ContainsKey).Select(id => rows[id])
            .Select(r => Summarize(r.a, r.t, r.u, escalations[r.a.Id].Select(e => e.Status).ToList(), reported, returned, today)).ToList();
        return await WithTreesAsync(db, listed, today, cancel);
    }

    /// <summary>Adds to each parent the worst light of its shares below (<see cref="TreeLights"/>).</summary>
    private async Task<List<AssignmentSummary>> WithTreesAsync(WorkflowDbContext db, List<AssignmentSummary> listed, DateOnly today, CancellationToken cancel)
    {
        if (listed.Count == 0) return listed;
        var trees = await TreeLights.OfAsync(db, runtime, listed.Select(a => a.Id).ToList(), today, cancel);
        return trees.Count == 0 ? listed : listed.Select(a => trees.TryGetValue(a.Id, out var tree) ? a with { Tree = tree } : a).ToList();
    }

    public async Task<AssignmentDetail?> GetAsync(long id, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var row = await (
            from a in db.Assignments.AsNoTracking()
            join t in db.PlanTasks.AsNoTracking() on a.TaskId equals t.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            where a.Id == id && a.State != null
            select new { a, t, u }).SingleOrDefaultAsync(cancel);
        if (row is null) return null;

        var escalations = await db.Escalations.AsNoTracking().Where(e => e.AssignmentId == id).OrderBy(e => e.Id).ToListAsync(cancel);
        var reports = await db.Reports.AsNoTracking().Where(r => r.AssignmentId == id).OrderByDescending(r => r.Id).ToListAsync(cancel);
        var journal = await db.Journal.AsNoTracking().Where(j => j.AssignmentId == id).OrderBy(j => j.At).ThenBy(j => j.Id).ToListAsync(cancel);
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => f.AssignmentId == id).OrderBy(f => f.Id).ToListAsync(cancel);
        var reported = reports.Select(r => (r.AssignmentId, r.Period)).ToHashSet();
        var summary = (await WithTreesAsync(db, [Summarize(row.a, row.t, row.u, escalations.Select(e => e.Status).ToList(), reported,
            await RequestsAsync(db.Journal.Where(j => j.AssignmentId == id), cancel), Today)], Today, cancel))[0];
        var definition = runtime.DefinitionOf(row.a);
        var actors = journal.Select(j => j.Actor).Concat(reports.Select(r => r.SubmittedBy)).Distinct().ToList();
        var parent = row.a.ParentId is { } parentId
            ? await (from a in db.Assignments.AsNoTracking()
                     join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
                     where a.Id == parentId
                     select new ParentShare(a.Id, u.Id, u.Name, u.Email, a.DueDate)).SingleOrDefaultAsync(cancel)
            : null;
        return new AssignmentDetail(summary, row.t, definition, journal, reports, files, escalations,
            WorkflowStateMachine.PermittedTriggers(definition, row.a.State!, summary.Overdue), CurrentPeriod(row.t, Today),
            await PeopleNames.OfAsync(db, actors, cancel), parent) { Version = row.a.Version };
    }

    /// <summary>What the unit last asked, per assignment of <paramref name="journal"/>: an application returned (退回)
    /// and not made again, with the reason — a returned application must not look like any other task at work — and
    /// the extension last requested (date and reason), which whoever decides it must see.</summary>
    private static async Task<Requests> RequestsAsync(IQueryable<JournalRow> journal, CancellationToken cancel)
    {
        string[] asked = [EngineEvents.Applied, EngineEvents.Rejected, EngineEvents.ExtensionRequested];
        var rows = await journal.AsNoTracking()
            .Where(j => j.AssignmentId != null && asked.Contains(j.Event))
            .Select(j => new { AssignmentId = j.AssignmentId!.Value, j.Id, j.Event, j.Reason, j.Data }).ToListAsync(cancel);
        var returned = rows.Where(r => r.Event != EngineEvents.ExtensionRequested).GroupBy(r => r.AssignmentId)
            .Select(g => g.MaxBy(r => r.Id)!).Where(r => r.Event == EngineEvents.Rejected)
            .ToDictionary(r => r.AssignmentId, r => r.Reason ?? "");
        var extensions = rows.Where(r => r.Event == EngineEvents.ExtensionRequested).GroupBy(r => r.AssignmentId)
            .Select(g => g.MaxBy(r => r.Id)!)
            .Select(r => (r.AssignmentId, Request: ExtensionRequest.From(r.Data, r.Reason))).Where(r => r.Request is not null)
            .ToDictionary(r => r.AssignmentId, r => r.Request!);
        return new Requests(returned, extensions);
    }

    private sealed record Requests(IReadOnlyDictionary<long, string> Returned, IReadOnlyDictionary<long, ExtensionRequest> Extensions);

    private AssignmentSummary Summarize(AssignmentRow a, PlanTaskRow t, UnitRow u, List<string> escalationStatuses,
        HashSet<(long, string)> reported, Requests requests, DateOnly today)
    {
        var definition = runtime.DefinitionOf(a);
        var state = definition.State(a.State!);
        var open = state.Final ? 0 : escalationStatuses.Count(s => s is EscalationStatuses.Issued or EscalationStatuses.AwaitingApproval);
        var light = TrafficLights.Of(state.Final, a.PastDue, a.DueDate, today, a.MissedReports, open);
        var reportedNow = reported.Contains((a.Id, CurrentPeriod(t, today)));
        var returnedNow = state.Role.UnitActs() && requests.Returned.ContainsKey(a.Id);
        return new AssignmentSummary(a.Id, t.No, t.Content, t.Action, u.Id, u.Name, u.Kind, a.Role, a.State!, state.Title, state.Role,
            a.DueDate, t.DeadlineText, a.PastDue, a.MissedReports, open, escalationStatuses.Count(s => s == EscalationStatuses.Issued),
            a.ClosedAt is { } closed ? ChinaTime.DateOf(UnixTime.ToChinaTime(closed)) : null,
            light, DeadlineWords.Describe(a.DueDate, today, state.Final),
            NextStep.ForUnit(state.Role, ongoing: a.DueDate is null, a.PastDue || (a.DueDate < today), a.MissedReports, reportedNow, returnedNow, parentReviews: a.ParentId is not null
                && definition.Transitions.FirstOrDefault(x => x.Trigger == Triggers.Approve)?.Actor == Actors.Reviewer),
            returnedNow ? requests.Returned[a.Id] : null, a.ParentId)
        {
            Extension = state.Role == StateRole.ExtensionReview ? requests.Extensions.GetValueOrDefault(a.Id) : null,
            RoleTitle = roles?.Of(a.Role, u.Name, t.ResponsibilityText, t.Regions) ?? ChineseTerms.AssignmentRole(a.Role),
        };
    }

    /// <summary>The reporting period containing <paramref name="today"/>, as reports are keyed (2024-03, 2024-Q1).</summary>
    public static string CurrentPeriod(PlanTaskRow task, DateOnly today) =>
        CadencePeriod.Containing(CadenceNames.FromWireName(task.ReportingCadence) ?? Cadence.Monthly, today).Key;
}

/// <summary>Everything an assignment page shows.</summary>
public sealed record AssignmentDetail(
    AssignmentSummary Summary,
    PlanTaskRow Task,
    WorkflowDefinition Definition,
    IReadOnlyList<JournalRow> Journal,
    IReadOnlyList<ReportRow> Reports,
    IReadOnlyList<EvidenceFileRow> Files,
    IReadOnlyList<EscalationRow> Escalations,
    IReadOnlyList<string> PermittedTriggers,
    string CurrentPeriod,
    IReadOnlyDictionary<string, string> PeopleNames,
    ParentShare? Parent = null)
{
    public bool Permits(string trigger) => PermittedTriggers.Contains(trigger);

    /// <summary>The assignment's version as read: a decision or a 撤回 sent from this page carries it, so that one made
    /// on a page older than the last change is refused (409) instead of deciding what the person never saw.</summary>
    public int Version { get; init; }

    /// <summary>Who did something, as people call them (省应急厅联络员, 系统), never a sign-in name.</summary>
    public string Who(string actor) => actor == Engine.Runtime.Actor.Engine.Name ? "系统" : PeopleNames.GetValueOrDefault(actor, actor);
    /// <summary>A report would be accepted now: not once closed, and not while an extension request waits (the
    /// report command refuses both), so the form is not offered where it would only be refused.</summary>
    public bool MayReport => !Engine.Runtime.TimerRules.ReportingStopped(Definition, Summary.State)
        && !Engine.Runtime.TimerRules.AwaitsExtensionDecision(Definition, Summary.State);

    /// <summary>What a unit may see of the escalations: only what was issued to it. A 通报 or 约谈 awaiting the working
    /// group's approval, or withdrawn before it, is the working group's draft.</summary>
    public IReadOnlyList<EscalationRow> EscalationsFor(bool workingGroup) =>
        workingGroup ? Escalations : Escalations.Where(e => e.Status == EscalationStatuses.Issued).ToList();

    /// <summary>The timeline a unit sees: an escalation step shows when it reached the unit — raised and issued at once,
    /// or its approval (批准督办措施) — never as a draft raised and still awaiting approval.</summary>
    public IEnumerable<JournalRow> JournalFor(bool workingGroup) => workingGroup ? Journal : Journal.Where(j =>
        !Escalations.Any(e => e.Step == j.Event && e.RaisedAt == j.At && (e.Status != EscalationStatuses.Issued || e.DecidedAt is not null)));
}

/// <summary>The share an assignment reports to: whose unit reviews it, and whom to contact.</summary>
public sealed record ParentShare(long Id, long UnitId, string UnitName, string Email, DateOnly? DueDate);

/// <summary>The shares under a parent and the sub-units it may still hand the task down to.</summary>
public sealed record ShareTree(IReadOnlyList<ChildShare> Children, IReadOnlyList<SubUnit> SubUnits)
{
    public static readonly ShareTree None = new([], []);
}

/// <summary>One share under a parent, with its latest report (「2024年3月 · 2024-03-28」), if any.</summary>
public sealed record ChildShare(AssignmentSummary Share, string? LastReport);

/// <summary>A sub-unit in the directory, and whether it already carries the task.</summary>
public sealed record SubUnit(long Id, string Name, bool Carries);
