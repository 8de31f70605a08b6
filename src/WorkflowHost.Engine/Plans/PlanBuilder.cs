using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Turns raw tasks (from the annex text, a Word document or a table) into a <see cref="Plan"/>: parses every deadline
/// and every responsibility, collecting all problems rather than stopping at the first — every unknown name of every
/// task, with the nearest directory names — and adds them to the layout problems of the source, so one run of
/// <c>plan validate</c> shows everything to fix, in the order of the file.
/// </summary>
public static class PlanBuilder
{
    /// <summary>The phrase by which a task (task 5 in 2024) extends every later task to each 市州 and 兰州新区.</summary>
    public const string RegionsRulePhrase = "以下各项工作均需各地落实";

    /// <summary>Most tasks one list may hold; a year's list has tens, a long one a few hundred.</summary>
    public const int MaxTasks = 2_000;

    /// <summary>Longest task content; a task is a paragraph.</summary>
    public const int MaxContentLength = 4_000;

    /// <summary>Longest responsibility text; the 2024 annex's longest is under 100 characters.</summary>
    public const int MaxResponsibilityLength = 1_000;

    public static Plan Build(PlanMetadata metadata, IReadOnlyList<RawPlanTask> rawTasks, UnitDirectory directory, string sourceName, string sourceHash,
        IReadOnlyList<PlanProblem>? layoutProblems = null)
    {
        var problems = new List<PlanProblem>(layoutProblems ?? []);
        if (rawTasks.Count > MaxTasks)
        {
            problems.Add(new(sourceName, null, null, "limit", $"一个清单最多{MaxTasks}个任务,这里有{rawTasks.Count}个"));
            throw new PlanInvalidException(problems);
        }

        var tasks = new List<PlanTask>();
        var regionsRuleFrom = rawTasks.FirstOrDefault(t => t.ResponsibilityText.Contains(RegionsRulePhrase, StringComparison.Ordinal))?.No;
        var year = metadata.Info.Year;

        foreach (var raw in rawTasks.OrderBy(t => t.No))
        {
            void Problem(string field, string message) => problems.Add(new(sourceName, raw.Line, raw.No, field, message));

            if (raw.Content.Length == 0) Problem("content", "没有写任务内容");
            else if (raw.Content.Length > MaxContentLength) Problem("content", $"任务内容最多{MaxContentLength}个字,这里有{raw.Content.Length}个字");

            var deadline = ReadDeadline(raw, metadata, sourceName, problems);
            Responsibility? responsibility = null;
            if (raw.ResponsibilityText.Length == 0)
                Problem("responsibility", "没有写责任单位:在任务末尾写「(责任单位;完成时限)」,或另起一行写「牵头单位:…」「责任单位:…」");
            else if (raw.ResponsibilityText.Length > MaxResponsibilityLength)
                Problem("responsibility", $"责任单位最多{MaxResponsibilityLength}个字,这里有{raw.ResponsibilityText.Length}个字");
            else
                responsibility = ReadResponsibility(raw, directory, regionsRuleFrom is { } from && raw.No > from, sourceName, problems);
            if (deadline is null || responsibility is null) continue;

            var cadence = metadata.TaskReportingCadence.GetValueOrDefault(raw.No, metadata.DefaultReportingCadence);
            tasks.Add(new PlanTask(raw.No, raw.Content, raw.Action, deadline, responsibility, cadence));
        }

        // When no task could be read, the file's own problems say why; a cadence for each configured task would bury them.
        foreach (var no in metadata.TaskReportingCadence.Keys.Where(no => rawTasks.Count > 0 && rawTasks.All(t => t.No != no)))
            problems.Add(new(sourceName, null, no, "reporting", $"plan.json 为任务{no}设了报送周期,但清单中没有任务{no}"));

        tasks = tasks.Select(task => WithLeads(task, metadata, directory, sourceName, problems)).ToList();
        foreach (var no in metadata.LeadOf.Keys.Where(no => rawTasks.Count > 0 && rawTasks.All(t => t.No != no)))
            problems.Add(new(sourceName, null, no, "leadOf", $"plan.json 为任务{no}配置了牵头单位,但清单中没有任务{no}"));

        if (problems.Count > 0) throw new PlanInvalidException(InFileOrder(problems));
        return new Plan(metadata.Info, tasks, sourceHash);
    }

    /// <summary>The task with plan.json's <c>leadOf</c> for it, checked: each lead must be one the task names (牵头),
    /// each unit one of its other units. A name that fits neither is a problem, not silently a share of the working group.</summary>
    private static PlanTask WithLeads(PlanTask task, PlanMetadata metadata, UnitDirectory directory, string sourceName, List<PlanProblem> problems)
    {
        if (!metadata.LeadOf.TryGetValue(task.No, out var leadOf) || leadOf.Count == 0) return task;
        var leads = task.Responsibility.Leads.ToHashSet(StringComparer.Ordinal);
        // A region's share under task 5's rule has no province-level parent, so it is not a unit a lead can take.
        var others = AssignmentPlanner.Expand(task, directory).Where(p => p.Role is not (AssignmentRole.Lead or AssignmentRole.Region))
            .Select(p => p.Unit).ToHashSet(StringComparer.Ordinal);
        foreach (var (unit, lead) in leadOf)
        {
            if (!leads.Contains(lead))
                problems.Add(new(sourceName, null, task.No, "leadOf", $"「{lead}」不是任务{task.No}的牵头单位(牵头单位:{string.Join("、", leads.DefaultIfEmpty("无"))})"));
            if (!others.Contains(unit))
                problems.Add(new(sourceName, null, task.No, "leadOf", $"「{unit}」不是任务{task.No}的配合单位,不能为它指定牵头单位"));
        }
        return task with { LeadOf = leadOf };
    }

    /// <summary>The task's own deadline; else the list's default from plan.json; else a problem naming the task.</summary>
    private static Deadline? ReadDeadline(RawPlanTask raw, PlanMetadata metadata, string sourceName, List<PlanProblem> problems)
    {
        var text = raw.DeadlineText.Length > 0 ? raw.DeadlineText : metadata.DefaultDeadline;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new(sourceName, raw.Line, raw.No, "deadline",
                "没有写完成时限:在任务中写明(如「(责任单位;6月底前完成)」或「完成时限:6月底前」),或在 plan.json 中用 defaultDeadline 给出清单统一的完成时限")
            {
                Hint = DeadlineForms.Describe(metadata.Info.Year),
            });
            return null;
        }
        try
        {
            return DeadlineParser.Parse(text, metadata.Info.Year);
        }
        catch (PlanFormatException e)
        {
            var fromDefault = raw.DeadlineText.Length == 0 ? "(取自 plan.json 的 defaultDeadline)" : "";
            problems.Add(new(sourceName, raw.Line, raw.No, "deadline", e.Message + fromDefault) { Hint = e.Hint });
            return null;
        }
    }

    private static Responsibility? ReadResponsibility(RawPlanTask raw, UnitDirectory directory, bool regions, string sourceName, List<PlanProblem> problems)
    {
        try
        {
            return ResponsibilityParser.Parse(raw.ResponsibilityText, directory, regions);
        }
        catch (ResponsibilityFormatException e)
        {
            foreach (var issue in e.Issues)
            {
                problems.Add(new(sourceName, raw.Line, raw.No, "responsibility", issue.Message)
                {
                    Suggestions = issue.UnknownName is { } name ? NameSuggestions.For(name, directory) : [],
                });
            }
            return null;
        }
    }

    // Problems read top to bottom like the file; those without a line (the file as a whole) come last, in the order found.
    private static List<PlanProblem> InFileOrder(List<PlanProblem> problems)
        => problems.Select((problem, i) => (problem, i)).OrderBy(p => p.problem.Line ?? int.MaxValue).ThenBy(p => p.i).Select(p => p.problem).ToList();
}
