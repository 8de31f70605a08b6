using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Persistence;

public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<PlanRow> Plans => Set<PlanRow>();
    public DbSet<PlanTaskRow> PlanTasks => Set<PlanTaskRow>();
    public DbSet<UnitRow> Units => Set<UnitRow>();
    public DbSet<AssignmentRow> Assignments => Set<AssignmentRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
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
            e.ToTable("units");
            e.HasIndex(u => u.Name).IsUnique();
        });
        model.Entity<AssignmentRow>(e =>
        {
            e.ToTable("assignments");
            e.HasIndex(a => new { a.TaskId, a.UnitId }).IsUnique();
            e.HasIndex(a => a.UnitId);
            e.HasOne<PlanTaskRow>().WithMany().HasForeignKey(a => a.TaskId);
            e.HasOne<UnitRow>().WithMany().HasForeignKey(a => a.UnitId);
        });
        SnakeCaseNames.Apply(model);
    }
}
