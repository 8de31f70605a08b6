using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WorkflowHost.Infrastructure.Persistence;

public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<PlanRow> Plans => Set<PlanRow>();
    public DbSet<PlanTaskRow> PlanTasks => Set<PlanTaskRow>();
    public DbSet<UnitRow> Units => Set<UnitRow>();
    public DbSet<AssignmentRow> Assignments => Set<AssignmentRow>();
    public DbSet<TimerRow> Timers => Set<TimerRow>();
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();
    public DbSet<JournalRow> Journal => Set<JournalRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    public DbSet<EscalationRow> Escalations => Set<EscalationRow>();
    public DbSet<EscalationProposalRow> EscalationProposals => Set<EscalationProposalRow>();
    public DbSet<ReportRow> Reports => Set<ReportRow>();
    public DbSet<ClockRow> Clock => Set<ClockRow>();
    public DbSet<BriefingRow> Briefings => Set<BriefingRow>();
    public DbSet<EvidenceFileRow> EvidenceFiles => Set<EvidenceFileRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();
    public DbSet<SignOffRow> SignOffs => Set<SignOffRow>();
    public DbSet<DocumentRow> Documents => Set<DocumentRow>();
    public DbSet<BoardCountRow> BoardCounts => Set<BoardCountRow>();
    public DbSet<BoardCountChangeRow> BoardCountChanges => Set<BoardCountChangeRow>();

    /// <summary>Past due and not closed. Written the way EF Core writes the dashboard's condition, because SQLite uses
    /// a partial index only when the query's WHERE contains the index's terms.</summary>
    private const string Overdue = "past_due AND closed_at IS NULL";

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model); // the Identity tables
        WebModel.Configure(model);
        model.Entity<PlanRow>(e =>
        {
            e.ToTable("plans");
            e.HasIndex(p => p.Year).IsUnique();
            e.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.PlanId);
        });
        model.Entity<PlanTaskRow>(e =>
        {
            e.ToTable("plan_tasks");
            e.HasIndex(t => new { t.PlanId, t.No }).IsUnique();
        });
        model.Entity<UnitRow>(e =>
        {
            e.ToTable("units", t => t.UseSqlReturningClause(false)); // a trigger moves the counts when a kind changes
            e.HasIndex(u => u.Name).IsUnique();
            e.HasOne<UnitRow>().WithMany().HasForeignKey(u => u.ParentId);
        });
        model.Entity<AssignmentRow>(e =>
        {
            // AFTER triggers keep the board's counts (BoardCountRow): SQLite's RETURNING cannot be used on such tables.
            e.ToTable("assignments", t => t.UseSqlReturningClause(false));
            e.Property(a => a.OpenEscalations).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore); // the triggers' alone
            e.HasIndex(a => new { a.TaskId, a.UnitId }).IsUnique();
            e.HasIndex(a => a.UnitId);
            e.HasOne<PlanTaskRow>().WithMany().HasForeignKey(a => a.TaskId);
            e.HasOne<UnitRow>().WithMany().HasForeignKey(a => a.UnitId);
            e.HasIndex(a => a.DueDate);
            // A parent's children (its task page, the roll-up, 待确认); the key references the table itself.
            e.HasOne<AssignmentRow>().WithMany().HasForeignKey(a => a.ParentId);
            e.HasIndex(a => a.ParentId);
            // The board (FilteredBoardQueries): counts by state (and workflows not yet started: state null), the
            // overdue list in due order, the overdue ranking. The overdue indexes are partial: they hold only overdue
            // assignments, so importing a million assignments (none overdue) costs them nothing.
            e.HasIndex(a => new { a.State, a.PastDue });
            e.HasIndex(a => new { a.DueDate, a.Id }, "ix_assignments_overdue_due_date").HasFilter(Overdue);
            e.HasIndex(a => a.UnitId, "ix_assignments_overdue_unit_id").HasFilter(Overdue);
            e.Property(a => a.Version).IsConcurrencyToken();
        });
        model.Entity<TimerRow>(e =>
        {
            e.ToTable("timers");
            e.HasIndex(t => new { t.AssignmentId, t.Name }).IsUnique();
            // The claim query: pending timers in due order, then by id — all of it from the index, so a batch reads
            // its 2,000 entries and stops. (SQLite's index entries end with the rowid anyway; without id in the key,
            // PostgreSQL sorted every pending timer of a storm's instant, 437,000, for each batch.)
            e.HasIndex(t => new { t.Status, t.DueAt, t.Id });
        });
        model.Entity<IncidentRow>(e =>
        {
            e.ToTable("incidents");
            e.HasIndex(i => i.TimerId).IsUnique();
            // The engine's retry query and the board's count: open incidents by retry time.
            e.HasIndex(i => new { i.Status, i.NextRetryAt });
        });
        model.Entity<JournalRow>(e =>
        {
            e.ToTable("journal");
            e.HasIndex(j => new { j.AssignmentId, j.At });
            e.HasIndex(j => new { j.TimerId, j.Event }).IsUnique();
        });
        model.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasIndex(o => o.Key).IsUnique();
            e.HasIndex(o => new { o.Status, o.CreatedAt });
            // The dispatcher's claim query: pending rows whose backoff has passed.
            e.HasIndex(o => new { o.Status, o.NextAttemptAt });
        });
        model.Entity<EscalationRow>(e =>
        {
            e.ToTable("escalations", t => t.UseSqlReturningClause(false)); // triggers keep assignments.open_escalations
            e.HasIndex(x => new { x.Status, x.RaisedAt });
            e.HasIndex(x => x.AssignmentId);
            e.HasIndex(x => x.DocumentId);
            e.HasOne<DocumentRow>().WithMany().HasForeignKey(x => x.DocumentId);
            e.HasIndex(x => x.ProposalId);
            e.HasOne<EscalationProposalRow>().WithMany().HasForeignKey(x => x.ProposalId);
        });
        model.Entity<EscalationProposalRow>(e =>
        {
            e.ToTable("escalation_proposals");
            // The queue: proposals awaiting a decision, by task; and the gatherer's look-up of the open one of a day.
            e.HasIndex(p => new { p.Status, p.TaskId, p.Step, p.Day });
            e.HasOne<DocumentRow>().WithMany().HasForeignKey(p => p.DocumentId);
        });
        model.Entity<DocumentRow>(e =>
        {
            e.ToTable("documents");
            // The series: one number once, whatever two writers try at the same instant.
            e.HasIndex(d => new { d.Kind, d.Year, d.Issuer, d.Seq }).IsUnique();
            e.HasIndex(d => new { d.Year, d.Kind });
        });
        model.Entity<ReportRow>(e =>
        {
            e.ToTable("reports");
            e.HasIndex(r => new { r.AssignmentId, r.Period });
        });
        model.Entity<SignOffRow>(e =>
        {
            e.ToTable("sign_offs");
            // 待签发 of a unit; what waits on an assignment.
            e.HasIndex(x => new { x.UnitId, x.Status });
            e.HasIndex(x => new { x.AssignmentId, x.Status });
            e.HasOne<AssignmentRow>().WithMany().HasForeignKey(x => x.AssignmentId);
        });
        model.Entity<ClockRow>(e =>
        {
            e.ToTable("engine_clock");
            e.Property(c => c.Id).ValueGeneratedNever();
        });
        model.Entity<BriefingRow>(e =>
        {
            e.ToTable("briefings");
            e.HasIndex(b => b.Month).IsUnique();
            e.HasOne<DocumentRow>().WithMany().HasForeignKey(b => b.DocumentId);
        });
        model.Entity<BoardCountRow>(e =>
        {
            e.ToTable("board_counts");
            e.HasKey(c => new { c.TaskId, c.Region, c.DefinitionId, c.DefinitionVersion, c.State, c.PastDue, c.DueDate, c.MissedReports, c.OpenEscalation });
        });
        model.Entity<BoardCountChangeRow>(e => e.ToTable("board_count_changes"));
        SnakeCaseNames.Apply(model);
    }
}
