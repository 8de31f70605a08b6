using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>One task as the review shows it: as written, as read (units, leads, deadline, milestones, cadence — empty
/// where its text could not be read), and its problems.</summary>
public sealed record ReviewedTask(
    int No,
    int Line,
    string? Section,
    string Content,
    string ResponsibilityText,
    string DeadlineText,
    Responsibility? Responsibility,
    Deadline? Deadline,
    bool DeadlineSetOnReview,
    IReadOnlyList<PlanProblem> Problems)
{
    /// <summary>The task has no deadline the parser reads: the review offers to set one.</summary>
    public bool NeedsDeadline => Deadline is null;
}

/// <summary>A name the list uses that the directory does not know: the tasks naming it and the nearest directory names.</summary>
public sealed record UnknownName(string Name, IReadOnlyList<int> Tasks, IReadOnlyList<string> Suggestions);

/// <summary>
/// The review's whole reading of an upload with the decisions so far. <see cref="Problems"/> is the one-pass validation's
/// list (<see cref="PlanBuilder"/>): the file's own and every task's; <see cref="Plan"/> is set only when it is empty.
/// </summary>
public sealed record ReviewedPlan(
    IReadOnlyList<ReviewedTask> Tasks,
    IReadOnlyList<PlanProblem> Problems,
    IReadOnlyList<UnknownName> UnknownNames,
    UnitDirectory Directory,
    Plan? Plan)
{
    /// <summary>Problems that belong to no task (layout, the file, the year): shown above the tasks.</summary>
    public IEnumerable<PlanProblem> FileProblems => Problems.Where(p => p.TaskNo is null || Tasks.All(t => t.No != p.TaskNo));

    public bool Ready => Plan is not null;
}
