using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Turns raw tasks (from the annex text or a table) into a <see cref="Plan"/>: parses every deadline and every
/// responsibility, collecting all problems rather than stopping at the first, so one run of <c>plan validate</c>
/// shows everything to fix.
/// </summary>
public static class PlanBuilder
{
    /// <summary>The phrase by which a task (task 5 in 2024) extends every later task to each 市州 and 兰州新区.</summary>
    public const string RegionsRulePhrase = "以下各项工作均需各地落实";

    public static Plan Build(PlanMetadata metadata, IReadOnlyList<RawPlanTask> rawTasks, UnitDirectory directory, string sourceName, string sourceHash)
    {
        var problems = new List<PlanProblem>();
        var tasks = new List<PlanTask>();
        var regionsRuleFrom = rawTasks.FirstOrDefault(t => t.ResponsibilityText.Contains(RegionsRulePhrase, StringComparison.Ordinal))?.No;

        foreach (var raw in rawTasks.OrderBy(t => t.No))
        {
            var deadline = Attempt(() => DeadlineParser.Parse(raw.DeadlineText, metadata.Info.Year), raw, "deadline", sourceName, problems);
            var responsibility = Attempt(
                () => ResponsibilityParser.Parse(raw.ResponsibilityText, directory, regionsRuleFrom is { } from && raw.No > from),
                raw, "responsibility", sourceName, problems);
            if (deadline is null || responsibility is null) continue;

            var cadence = metadata.TaskReportingCadence.GetValueOrDefault(raw.No, metadata.DefaultReportingCadence);
            tasks.Add(new PlanTask(raw.No, raw.Content, raw.Action, deadline, responsibility, cadence));
        }

        foreach (var no in metadata.TaskReportingCadence.Keys.Where(no => rawTasks.All(t => t.No != no)))
            problems.Add(new(sourceName, null, no, "reporting", $"a reporting cadence is configured for task {no}, which the plan does not have"));

        if (problems.Count > 0) throw new PlanInvalidException(problems);
        return new Plan(metadata.Info, tasks, sourceHash);
    }

    private static T? Attempt<T>(Func<T> parse, RawPlanTask raw, string field, string sourceName, List<PlanProblem> problems) where T : class
    {
        try
        {
            return parse();
        }
        catch (PlanFormatException e)
        {
            problems.Add(new(sourceName, raw.Line, raw.No, field, e.Message));
            return null;
        }
    }
}
