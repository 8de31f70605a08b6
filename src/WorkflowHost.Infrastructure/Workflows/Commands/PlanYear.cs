using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>The year of the plan an assignment's task belongs to (its schedule and its extension horizon count from it).</summary>
public static class PlanYear
{
    public static int Of(WorkflowDbContext db, AssignmentRow assignment) =>
        (from t in db.PlanTasks where t.Id == assignment.TaskId join p in db.Plans on t.PlanId equals p.Id select p.Year).Single();
}
